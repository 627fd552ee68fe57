import ArchivarCore

/// Turns what a visitor typed into an FTS5 query: words and "phrases", all required.
/// User text never reaches `MATCH` raw: every term is re-quoted here.
struct SearchPattern {
    /// The FTS5 MATCH expression, or nil when the query holds no searchable word.
    let match: String?
    /// A note for the visitor about what was ignored (e.g. a missing closing quote).
    let note: String?

    init(_ text: String) {
        var terms: [String] = []
        var note: String?
        var rest = Substring(text)
        while let quote = rest.firstIndex(of: "\"") {
            terms += Self.words(rest[..<quote]).map(Self.quoted)
            let afterQuote = rest[rest.index(after: quote)...]
            if let closing = afterQuote.firstIndex(of: "\"") {
                let phrase = Self.words(afterQuote[..<closing])
                if !phrase.isEmpty { terms.append(Self.quoted(phrase.joined(separator: " "))) }
                rest = afterQuote[afterQuote.index(after: closing)...]
            } else {
                note = "Das schließende Anführungszeichen fehlt; gesucht wurde nach den einzelnen Wörtern."
                rest = afterQuote
            }
        }
        terms += Self.words(rest).map(Self.quoted)
        match = terms.isEmpty ? nil : terms.joined(separator: " AND ")
        self.note = note
    }

    /// Letters and digits only: everything else separates words.
    private static func words(_ text: Substring) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    private static func quoted(_ term: String) -> String {
        "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
