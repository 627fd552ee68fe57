import ArchivarCore

/// The head of a citation: `Fischer, Jörg/Graßhoff, Gunther (Hrsg.) (2016):`: the
/// creators, whether they are editors, the year, and the text after it.
struct CitationHead {
    var creators: [Name]
    var areEditors: Bool
    var year: Int
    var rest: String

    init(_ text: String) throws(CitationRejection) {
        guard let match = text.firstMatch(of: #/\((?<year>\d{4})[a-z]?\)\s*[:.]?\s*/#),
              let year = Int(match.output.year) else {
            throw CitationRejection("no year in parentheses such as „(2020):“")
        }
        var names = String(text[..<match.range.lowerBound])
        areEditors = names.cut(Self.editorMark) != nil
        guard !names.trimmedPhrase.isEmpty else {
            throw CitationRejection("no author or editor before the year")
        }
        creators = try CitationNames.parse(names)
        self.year = year
        rest = String(text[match.range.upperBound...])
    }

    /// `(Hrsg.)`, `(Hg.)`, `(Hrsgg.)`, `(Eds.)`, `(Ed.)` at the end of a list of names.
    static var editorMark: Regex<Substring> { #/\s*\((?i:hrsgg?|hgg?|eds?)\.?\)\s*$/# }
}
