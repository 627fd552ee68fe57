import Foundation

/// One citation's text, joined from its lines, and the line it starts on.
struct CitationEntry {
    var line: Int
    var text: String
    /// How many lines it was joined from.
    var lines = 1

    /// Longer than any citation (`CitationEntries.maxLength`): text, not a citation.
    var isOverlong: Bool { text.utf8.count > CitationEntries.maxLength }
}

/// Splits pasted text into citations: one per line, or wrapped over several lines.
enum CitationEntries {
    /// The most bytes of UTF-8 one citation may have; the longest of the institute's are
    /// about 400. Lines that would continue a longer one are counted, not joined, so that
    /// a large file of running text costs no more than reading it.
    static let maxLength = 2_000

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
                if !entries[entries.count - 1].isOverlong { entries[entries.count - 1].text += " " + line }
                entries[entries.count - 1].lines += 1
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
        // Most lines that go on a citation hold no parenthesis: no need to run the pattern.
        line.utf8.contains(UInt8(ascii: "(")) && line.prefixMatch(of: citationStart) != nil
    }

    // nonisolated(unsafe): Regex is not Sendable, but these immutable lets are only matched
    // against; built once rather than for every line of the file.
    nonisolated(unsafe) private static let citationStart = #/[^()\d:]{2,300}?\s*(?:\([^()\d]{2,8}\)\s*)?\(\d{4}[a-z]?\)/#
    nonisolated(unsafe) private static let listMarker = #/^[*•·▪\-]\s+/#
}
