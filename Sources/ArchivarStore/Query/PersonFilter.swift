import ArchivarCore

/// `author:"…"` with a whole name: the person, however each record spells the name.
/// `author:"Jörg Fischer"` and `author:"Fischer, Jörg"` both find the records whose
/// `record_people` hold the key `fischer, joerg` ("FISCHER, Joerg", "Jörg M. Fischer"),
/// and a name of several words also the institution of that name. When no record has
/// such a key, the name is searched as a phrase in the creators, as any `author:` text is.
/// A single word (`author:Fischer`, `author:"Hilse-Carstensen"`) names no one person and
/// always goes to the full-text index: every Fischer is found.
struct PersonFilter {
    /// The `PersonKey` descriptions the name may stand for.
    let keys: [String]

    /// The filter for `text`; nil when it is no `author:` phrase naming a person.
    init?(_ text: QueryText) {
        guard text.field == .author, text.isPhrase, !text.isPrefix else { return nil }
        self.init(name: text.text)
    }

    /// The filter for the name `name` as a visitor writes it; nil for a single word.
    init?(name: String) {
        let words = name.split(whereSeparator: \.isWhitespace)
        guard words.count > 1 || name.contains(",") else { return nil }
        var keys: [String] = []
        if let person = PersonKey(Name.parse(name)), !person.given.isEmpty { keys.append(person.description) }
        if words.count > 1, let institution = PersonKey(Name(literal: name)), !keys.contains(institution.description) {
            keys.append(institution.description)
        }
        guard !keys.isEmpty else { return nil }
        self.keys = keys
    }

    /// The condition on `records r`: the people with these keys, or, when the catalog has
    /// none of them, the records whose creators `match` (an FTS5 expression).
    func condition(orMatching match: String) -> SQLFragment {
        let list = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        let values = keys.map { SQLValue.text($0) }
        return SQLFragment(sql: """
            (r.rowid IN (SELECT record FROM record_people WHERE key IN (\(list))) \
            OR (NOT EXISTS (SELECT 1 FROM record_people WHERE key IN (\(list))) \
            AND r.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)))
            """, values: values + values + [.text(match)])
    }
}
