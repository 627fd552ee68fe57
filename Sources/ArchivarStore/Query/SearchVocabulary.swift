/// The terms of the full-text index with the number of records each occurs in, kept in
/// memory for „Meinten Sie …?“ (`SearchSuggestion`), one shelf per first letter, and the
/// terms of each prefix searched (`PrefixExpansion`).
///
/// FTS5's `fts5vocab` table (`search_vocabulary`) counts a term's records by reading its
/// whole list of rows, so reading the terms of one letter reads the index of that letter:
/// about 100 ms for `s` at 100,000 records. A shelf is read on the first suggestion that
/// needs its letter and kept until the database changes (`PRAGMA data_version`, as
/// `CatalogDigest` does); on it the terms are grouped by length, so a word is compared only
/// with terms whose length allows the distance. About 4 bytes a letter and 16 a term.
/// Spec: https://sqlite.org/fts5.html#the_fts5vocab_virtual_table_module
final class SearchVocabulary {
    /// An index term near a word.
    struct Candidate {
        let term: String
        let distance: Int
        /// The number of records the term occurs in.
        let documents: Int
    }

    /// The terms beginning with one letter.
    private struct Shelf {
        /// Every term's letters, end to end.
        var letters: [Unicode.Scalar] = []
        /// By length: `terms[n]` are the terms of `n` letters, as their start in `letters`
        /// and their number of records.
        var terms: [[(start: Int, documents: Int)]] = []
    }

    /// An index term and the number of records it occurs in.
    struct Term {
        let term: String
        let documents: Int
    }

    /// The `data_version` the shelves and prefixes were read at.
    private var version: Int?
    private var shelves: [Unicode.Scalar: Shelf] = [:]
    /// The terms of each prefix read, by prefix; nil where there were more than asked for.
    private var prefixes: [String: [Term]?] = [:]

    /// Makes the views of the index that the vocabulary and the suggestions read, on the
    /// connection that needs them; they store nothing.
    static func makeViews(on connection: Connection) throws {
        try connection.execute("""
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary USING fts5vocab(main, records_fts, 'row');
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary_instances USING fts5vocab(main, records_fts, 'instance');
            """)
    }

    /// The terms that begin with the bytes of `prefix`, the terms FTS5 matches for the prefix
    /// query `"prefix" *`, in the index's order; nil when there are more than `limit` (the
    /// same on every call). Read on first need and kept until the database changes;
    /// `connection` is inside a read transaction.
    func terms(beginningWith prefix: String, limit: Int, in connection: Connection) throws -> [Term]? {
        try forgetIfChanged(connection)
        if let known = prefixes[prefix] { return known }
        // In UTF-8 (byte) order the terms from `prefix` up to it with its last character
        // raised by one are those that begin with it. (A last character without a next one,
        // U+D7FF or U+10FFFF, gives nil: no terms read.)
        guard let last = prefix.unicodeScalars.last, let raised = Unicode.Scalar(last.value + 1) else { return nil }
        var end = prefix.unicodeScalars
        end.removeLast()
        end.append(raised)
        try Self.makeViews(on: connection)
        var terms: [Term] = []
        try connection.run("SELECT term, doc FROM search_vocabulary WHERE term >= ?1 AND term < ?2 LIMIT ?3",
                           [.text(prefix), .text(String(end)), .integer(Int64(limit) + 1)]) { row in
            terms.append(Term(term: row.text(0) ?? "", documents: row.int(1) ?? 0))
        }
        let found = terms.count > limit ? nil : terms
        prefixes[prefix] = found
        return found
    }

    /// The terms at most `limit` away from `word` (its letters, folded) that begin with its
    /// first letter, occur in more than `minimum` records and are not `excluded`, in no order.
    /// `connection` has the view `search_vocabulary` and is inside a read transaction.
    func candidates(near word: [Unicode.Scalar], excluding excluded: String, inMoreThan minimum: Int, limit: Int,
                    in connection: Connection) throws -> [Candidate] {
        guard let first = word.first else { return [] }
        let shelf = try self.shelf(first, in: connection)
        let excluded = Array(excluded.unicodeScalars)
        var found: [Candidate] = []
        shelf.letters.withUnsafeBufferPointer { letters in
            word.withUnsafeBufferPointer { word in
                for length in max(1, word.count - limit)...(word.count + limit) where length < shelf.terms.count {
                    for term in shelf.terms[length] where term.documents > minimum {
                        let letters = UnsafeBufferPointer(rebasing: letters[term.start..<term.start + length])
                        guard let distance = BoundedEditDistance.distance(word, letters, limit: limit),
                              !letters.elementsEqual(excluded) else { continue }
                        var text = String.UnicodeScalarView()
                        text.append(contentsOf: letters)
                        found.append(Candidate(term: String(text), distance: distance, documents: term.documents))
                    }
                }
            }
        }
        return found
    }

    /// The shelf of `letter`, read when the database changed since it was read or it never was.
    private func shelf(_ letter: Unicode.Scalar, in connection: Connection) throws -> Shelf {
        try forgetIfChanged(connection)
        if let shelf = shelves[letter] { return shelf }
        let next = Unicode.Scalar(letter.value + 1).map(String.init) ?? String(letter)
        var shelf = Shelf()
        // In UTF-8 order the terms from `letter` up to the next letter are those beginning with it.
        try connection.run("SELECT term, doc FROM search_vocabulary WHERE term >= ?1 AND term < ?2",
                           [.text(String(letter)), .text(next)]) { row in
            guard let term = row.text(0) else { return }
            let start = shelf.letters.count
            shelf.letters.append(contentsOf: term.unicodeScalars)
            let length = shelf.letters.count - start
            if length >= shelf.terms.count { shelf.terms.append(contentsOf: repeatElement([], count: length + 1 - shelf.terms.count)) }
            shelf.terms[length].append((start, row.int(1) ?? 0))
        }
        shelves[letter] = shelf
        return shelf
    }

    /// Forgets what was read when the database changed since.
    private func forgetIfChanged(_ connection: Connection) throws {
        let current = try connection.integer("PRAGMA data_version")
        guard current == nil || current != version else { return }
        shelves = [:]
        prefixes = [:]
        version = current
    }
}
