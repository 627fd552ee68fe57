/// Writes a query's prefixes (`Jugend*`) as the OR of the index terms they cover, for the
/// page's snippets.
///
/// FTS5 answers a prefix by merging the row lists of all its terms, positions included,
/// into one list before it reads the first row (`fts5SetupPrefixIter`), however few rows
/// the statement wants. The pass over the matches does that once; the page's snippets, a
/// second statement, did it again: for `jugend*` (43 terms whose lists hold 141,830 rows
/// at 100,000 records) as long as the pass itself. An OR of the same terms
/// (`"jugend" OR "jugendamt" OR …`) walks each term's list and merges nothing: about a
/// fifth of the time. It matches the same rows at the same positions, so the same words are
/// highlighted (`PrefixExpansionTests`); only where a passage holds more different words
/// of the prefix than another with as many matches could FTS5's `snippet()`, which scores
/// each phrase's first match higher than its repeats, now choose it.
///
/// The pass keeps the prefix: with an OR, `archivar_rank` (or any auxiliary function)
/// visits every term on every row, about 0.7 µs a row for 43 terms, more than the merge
/// costs (bench/README.md, "Prefixes written as their terms in snippets").
///
/// The terms come from `SearchVocabulary`, read once per prefix until the database changes,
/// in the search's transaction. A prefix is written as its terms where that is cheaper
/// (`isWorthIt`), when it is a word of its own (not the end of a hyphenated word,
/// `Hilse-Carst*`, which FTS5 reads as a phrase) and covers at least one term. One per
/// `CatalogReader`: its analyzer serves one thread at a time.
/// Spec: https://sqlite.org/fts5.html#fts5_prefix_queries
final class PrefixExpansion {
    /// A prefix with more terms keeps its star: an OR of thousands of terms is slower than
    /// their merge, and finding that out reads the terms' lists.
    static let termLimit = 200
    /// How many times the merge's cost per row of a term's list is the OR's per matching row
    /// and term (measured at 100,000 records: the merge about 0.2 µs, the OR 3–5 ns).
    static let costRatio = 50

    private let vocabulary: SearchVocabulary
    /// Analyses a prefix as FTS5's tokenizer does for `"…" *`.
    private let analyzer: GermanAnalyzer?

    init(vocabulary: SearchVocabulary) {
        self.vocabulary = vocabulary
        // Prefix queries are never split into compound parts: the word list is never asked for.
        analyzer = GermanAnalyzer(lexicon: { Lexicon(words: []) })
    }

    /// `tree` with each prefix written as its terms where that pays; `records` is the number
    /// of records in the catalog. `connection` is inside the search's read transaction.
    func expanding(_ tree: QueryNode, records: Int, in connection: Connection) throws -> QueryNode {
        var terms: [String: [String]] = [:]
        for text in tree.texts where text.isPrefix && terms[text.text] == nil {
            guard let token = token(of: text.text),
                  let found = try vocabulary.terms(beginningWith: token, limit: Self.termLimit, in: connection),
                  Self.isWorthIt(terms: found.count, rows: found.reduce(0) { $0 + $1.documents }, records: records)
            else { continue }
            terms[text.text] = found.map(\.term)
        }
        guard !terms.isEmpty else { return tree }
        return tree.mapTexts { text in
            var text = text
            if text.isPrefix { text.indexTerms = terms[text.text] }
            return .text(text)
        } ?? tree
    }

    /// Whether `terms` terms whose lists hold `rows` rows together are cheaper as an OR than
    /// merged: the OR's work grows with the rows it matches (at most `rows`, at most
    /// `records`) times the terms, the merge's with `rows`. Terms that share their records
    /// (`jugend`, `jugendhilfe`, `jugendhilfeplanung`, …) make the merge dear; many terms
    /// in few records each (`schul*`: 246) make the OR dear.
    static func isWorthIt(terms: Int, rows: Int, records: Int) -> Bool {
        terms > 0 && terms * min(rows, records) <= costRatio * rows
    }

    /// The one index token FTS5 makes of `text` as a prefix; nil when it makes none or
    /// several (a hyphenated word: a phrase whose last token is the prefix).
    private func token(of text: String) -> String? {
        guard let analyzer else { return nil }
        var tokens: [String] = []
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            analyzer.tokenize(bytes, for: .prefixQuery) { token, _, _ in
                tokens.append(String(decoding: token, as: UTF8.self))
                return tokens.count < 2
            }
        }
        return tokens.count == 1 ? tokens[0] : nil
    }
}

extension QueryNode {
    /// Every text of the tree, wanted or excluded, in order.
    var texts: [QueryText] {
        switch self {
        case .text(let text): [text]
        case .filter: []
        case .all(let parts), .any(let parts): parts.flatMap(\.texts)
        case .not(let part): part.texts
        }
    }
}
