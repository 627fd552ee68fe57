import Foundation

/// One citation's text, joined from its lines, and the line it starts on.
struct CitationEntry {
    var line: Int
    var text: String
}

/// Splits pasted text into citations: one per line, or wrapped over several lines.
enum CitationEntries {
    /// A line begins a new citation when it has a list marker or starts with names and a
    /// year; otherwise it continues the citation above it. Blank lines end a citation.
    static func split(_ text: String) -> [CitationEntry] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        var entries: [CitationEntry] = []
        var open = false
        for (index, rawLine) in lines.enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                open = false
                continue
            }
            let body = line.firstMatch(of: listMarker).map { String(line[$0.range.upperBound...]) }
            if open, body == nil, !startsCitation(line) {
                entries[entries.count - 1].text += " " + line
            } else {
                entries.append(CitationEntry(line: index + 1, text: body ?? line))
                open = true
            }
        }
        return entries
    }

    /// `Fischer, Jörg/Graßhoff, Gunther (Hrsg.) (2016)`: names (no digits, colons or
    /// parentheses), an optional editor mark, then a year in parentheses.
    static func startsCitation(_ line: String) -> Bool {
        line.prefixMatch(of: #/[^()\d:]{2,300}?\s*(?:\([^()\d]{2,8}\)\s*)?\(\d{4}[a-z]?\)/#) != nil
    }

    private static var listMarker: Regex<Substring> { #/^[*•·▪\-]\s+/# }
}
