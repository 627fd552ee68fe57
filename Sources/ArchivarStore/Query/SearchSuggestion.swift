import ArchivarCore
import Foundation

/// „Meinten Sie …?“ (SPEC §8): when a query finds nothing or little, each of its words
/// that the index does not know (or knows from fewer records than a close word) is
/// replaced by the closest word of the index vocabulary (`search_vocabulary`, FTS5's
/// `fts5vocab` over `records_fts`): Damerau–Levenshtein distance (optimal string
/// alignment) at most 2 between folded forms, then the word in more records. Vocabulary
/// terms are analysed (folded, stemmed); the word shown is the one records write there
/// (`search_vocabulary_instances` says where), nearest to what was typed, then most
/// often written. The suggestion is kept only when it finds more than the query did.
/// A hyphenated word (`Hilse-Karstensen`) is corrected as a whole: the index holds its
/// pieces written together only as a stem, so that stem is compared with the terms, and the
/// spelling shown is the hyphenated one records write (`Hilse-Carstensen`); when nothing is
/// near the whole, each piece is corrected on its own.
///
/// Candidates are the terms beginning with the word's first letter: a typo there is rare,
/// and the vocabulary is read in one range of its order, which `SearchVocabulary` keeps
/// in memory until the database changes.
struct SearchSuggestion {
    /// Fewer results than this count as little: a rare word may be a typo of a common one.
    static let fewResults = 3
    static let maximumDistance = 2
    /// Shorter words (letters) are not corrected: too many words are close to them.
    static let minimumLength = 4
    /// Candidate terms looked up in records, per word, nearest first.
    static let candidatesPerWord = 4
    /// Occurrences of a candidate term read for how records spell it.
    static let spellingSample = 8

    let connection: Connection
    /// The index terms, kept between searches.
    let vocabulary: SearchVocabulary
    /// The number of records a query text finds.
    let count: (String) throws -> Int

    /// A query that finds more than `total` records, or nil.
    func suggestion(for query: String, tree: QueryNode, total: Int) throws -> String? {
        guard total < Self.fewResults, let analyzer = GermanAnalyzer(lexicon: { Lexicon(words: []) }) else { return nil }
        try SearchVocabulary.makeViews(on: connection)
        var suggested = query
        var changed = false
        for text in tree.positiveTexts where !text.isPrefix {
            for word in Self.words(of: text.text, analyzer: analyzer) {
                guard let spelling = try replacement(for: word, total: total, analyzer: analyzer),
                      let replaced = Self.replacing(word.written, with: spelling, in: suggested) else { continue }
                suggested = replaced
                changed = true
            }
        }
        guard changed, try count(suggested) > total else { return nil }
        return suggested
    }

    /// What to write instead of `word` when the index does not know it, or knows it from few
    /// records while the query finds little (`total`); nil when nothing near is better known.
    private func replacement(for word: Word, total: Int, analyzer: GermanAnalyzer) throws -> String? {
        let known = try documents(containing: word.term)
        guard known == 0 || total > 0 && known < Self.fewResults else { return nil }
        if let spelling = try correction(of: word, knownFrom: known, analyzer: analyzer) { return spelling }
        return word.isHyphenated ? try correctingPieces(of: word, total: total, analyzer: analyzer) : nil
    }

    /// A hyphenated `word` with each piece corrected on its own (`Jugendhilfe-Planumg` →
    /// `Jugendhilfe-Planung`), for a typo that changes the stem of the whole more than its
    /// letters (`jugendhilfeplanumg` against `jugendhilfeplan`); nil when no piece changed.
    private func correctingPieces(of word: Word, total: Int, analyzer: GermanAnalyzer) throws -> String? {
        var written = Array(word.written.utf8)
        var changed = false
        // From the last piece back, so that the ranges before it stay where they are.
        for range in word.pieces.reversed() {
            guard let piece = Self.words(of: String(decoding: written[range], as: UTF8.self), analyzer: analyzer).first,
                  let spelling = try replacement(for: piece, total: total, analyzer: analyzer) else { continue }
            written.replaceSubrange(range, with: Array(spelling.utf8))
            changed = true
        }
        return changed ? String(decoding: written, as: UTF8.self) : nil
    }

    /// A word of the query: as written, folded (its letters only) and as the index term it
    /// is looked up by.
    struct Word {
        let written: String
        let folded: [Unicode.Scalar]
        let term: String
        /// The byte ranges of its pieces in `written` (UTF-8): one for a plain word, more for
        /// a hyphenated one (`Hilse-Carstensen`).
        let pieces: [Range<Int>]

        /// Written in pieces: the index holds such a word written together only as a stem
        /// (`hilsecarstens`), not folded (`GermanAnalyzer`).
        var isHyphenated: Bool { pieces.count > 1 }

        /// The letters to look for near terms of the vocabulary: the folded word, which the
        /// index holds beside the stem of a word written whole, or a hyphenated word's stem.
        var letters: [Unicode.Scalar] { isHyphenated ? Array(term.unicodeScalars) : folded }
    }

    /// The words of `text` the query analysis sees, without those with digits or too short.
    static func words(of text: String, analyzer: GermanAnalyzer) -> [Word] {
        var words: [Word] = []
        var text = text
        text.withUTF8 { bytes in
            analyzer.tokenize(bytes, for: .query) { token, _, range in
                let writtenBytes = UnsafeBufferPointer(rebasing: bytes[range])
                let written = String(decoding: writtenBytes, as: UTF8.self)
                let folded = GermanFolding.fold(written).unicodeScalars.filter { $0.properties.isAlphabetic }
                if folded.count >= minimumLength, !written.contains(where: \.isNumber) {
                    var pieces: [Range<Int>] = []
                    WordSegmenter.forEachWord(in: writtenBytes) { word in
                        pieces = word
                        return false
                    }
                    words.append(Word(written: written, folded: Array(folded), term: String(decoding: token, as: UTF8.self),
                                      pieces: pieces))
                }
                return true
            }
        }
        return words
    }

    /// In how many records the index term `term` occurs, counted up to `fewResults`: from
    /// its first occurrences, so a common word's whole list of rows is not read.
    private func documents(containing term: String) throws -> Int {
        try connection.integer("""
            SELECT count(*) FROM (SELECT DISTINCT doc FROM search_vocabulary_instances WHERE term = ?1 LIMIT \(Self.fewResults))
            """, [.text(term)]) ?? 0
    }

    /// The best spelling for `word`, which `known` records contain: from the nearest terms
    /// in more records, the spelling nearest to what was typed.
    private func correction(of word: Word, knownFrom known: Int, analyzer: GermanAnalyzer) throws -> String? {
        var candidates = try vocabulary.candidates(near: word.letters, excluding: word.term, inMoreThan: 2 * known,
                                                   limit: Self.maximumDistance, in: connection)
        candidates.sort { ($0.distance, $1.documents, $0.term) < ($1.distance, $0.documents, $1.term) }
        var best: (spelling: String, distance: Int, uses: Int)?
        for candidate in candidates.prefix(Self.candidatesPerWord) {
            for (spelling, uses) in try spellings(of: candidate.term, analyzer: analyzer) {
                let folded = Array(GermanFolding.fold(spelling).unicodeScalars.filter { $0.properties.isAlphabetic })
                guard folded != word.folded,
                      let distance = BoundedEditDistance.distance(word.folded, folded, limit: Self.maximumDistance) else { continue }
                if let current = best, (current.distance, -current.uses, current.spelling) <= (distance, -uses, spelling) { continue }
                best = (spelling, distance, uses)
            }
        }
        return best?.spelling
    }

    /// The words records write where the index has `term`, with how often they do, from
    /// its first occurrences (`search_vocabulary_instances`: record, column, word position).
    private func spellings(of term: String, analyzer: GermanAnalyzer) throws -> [String: Int] {
        var instances: [(row: Int64, column: String, position: Int)] = []
        try connection.run("SELECT doc, col, offset FROM search_vocabulary_instances WHERE term = ?1 LIMIT \(Self.spellingSample)",
                           [.text(term)]) { row in
            instances.append((Int64(row.int(0) ?? 0), row.text(1) ?? "", row.int(2) ?? 0))
        }
        var spellings: [String: Int] = [:]
        for instance in instances where Self.indexColumns.contains(instance.column) {
            guard let text = try connection.text("SELECT \(instance.column) FROM records WHERE rowid = ?1", [.integer(instance.row)]),
                  let word = Self.word(at: instance.position, in: text, analyzer: analyzer) else { continue }
            spellings[word, default: 0] += 1
        }
        return spellings
    }

    /// The columns of `records_fts`, which are also those of `records`.
    private static let indexColumns: Set<String> = ["title", "creators", "abstract", "body"]

    /// The whole word (hyphenated pieces joined) at word position `position` of `text` as
    /// the index counts positions.
    static func word(at position: Int, in text: String, analyzer: GermanAnalyzer) -> String? {
        var text = text
        var found: Range<Int>?
        text.withUTF8 { bytes in
            var current = -1
            analyzer.tokenize(bytes, for: .highlight) { _, colocated, range in
                if !colocated { current += 1 }
                if current == position { found = range }
                return current < position
            }
        }
        guard let found else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: found.lowerBound)
        let end = utf8.index(utf8.startIndex, offsetBy: found.upperBound)
        let offset = text.utf16.distance(from: text.utf16.startIndex, to: start)
        let length = text.utf16.distance(from: start, to: end)
        guard let whole = MarkedSnippet.wholeWords([SnippetHighlight(start: offset, length: length)], in: text).first else { return nil }
        let utf16 = text.utf16
        let wholeStart = utf16.index(utf16.startIndex, offsetBy: whole.start)
        return String(text[wholeStart..<utf16.index(wholeStart, offsetBy: whole.length)])
    }

    /// `query` with the first `word` that stands as a whole word replaced by `spelling`.
    static func replacing(_ word: String, with spelling: String, in query: String) -> String? {
        var searched = query.startIndex..<query.endIndex
        while let range = query.range(of: word, range: searched) {
            let before = range.lowerBound == query.startIndex ? nil : query[query.index(before: range.lowerBound)]
            let after = range.upperBound == query.endIndex ? nil : query[range.upperBound]
            if !(before.map(Self.continuesWord) ?? false), !(after.map(Self.continuesWord) ?? false) {
                return query.replacingCharacters(in: range, with: spelling)
            }
            searched = range.upperBound..<query.endIndex
        }
        return nil
    }

    private static func continuesWord(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-"
    }
}

extension QueryNode {
    /// The texts a match must or may contain: every text outside an exclusion.
    var positiveTexts: [QueryText] {
        switch self {
        case .text(let text): [text]
        case .filter, .not: []
        case .all(let parts), .any(let parts): parts.flatMap(\.positiveTexts)
        }
    }
}
