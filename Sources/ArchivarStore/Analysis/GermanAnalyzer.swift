import Foundation

/// The analysis behind the full-text index, the same for documents and queries: words
/// (`WordSegmenter`), folded (`GermanFolding`), stemmed (`SnowballStemmer`) and, in
/// documents, split into compound parts (`Decompounder`).
///
/// What a document position holds (FTS5 positions advance once per word or hyphen piece):
/// - the stem, twice: once as the position's token and once more colocated. FTS5 stores
///   both, so a word written out has term frequency 2 where a compound part has 1; BM25
///   then scores a whole-word match 1.375 times a part match (k1 = 1.2, tf 2 against 1),
///   and `Planung` ranks `… Planung und Steuerung` above `Jugendhilfeplanung`.
///   Colocated tokens do not count towards the column length, so neither the repeat nor the
///   parts make a record look longer to BM25.
/// - the folded unstemmed word, colocated, when it differs from the stem: prefix queries
///   (`plan*`, `Thüringe*`) match what was written, not what the stemmer cut.
/// - the stems of the compound parts, colocated, once each (`jugendhilfe`, `jugend`,
///   `hilf`, `planung` for `Jugendhilfeplanung`). Only words written with a capital are
///   split: German capitalizes nouns, and the lower-case words a dictionary split gets
///   wrong are mostly verbs and adjectives (`verb|essern`, `best|ehen`, `gem|einsam`).
/// - for a hyphenated word, on its first piece, the stem of the pieces written together,
///   twice, colocated: `Jugendhilfe-Planung` is found by `Jugendhilfeplanung` and
///   `Hilse-Carstensen` by itself, while each piece keeps its own position (`Hilse`,
///   `Carstensen`).
///
/// Queries get one token per position: the stem, or for a hyphenated word the stem of its
/// pieces written together; a prefix query gets the folded unstemmed pieces. Highlighting
/// (FTS5's auxiliary functions) gets only each position's stem: it ignores colocated tokens.
/// Stop words stay: a phrase such as `"Planung und Steuerung"` needs them.
///
/// One analyzer per FTS5 tokenizer instance, used by one connection at a time: it owns a
/// stemmer and a cache of analysed words, neither thread-safe.
final class GermanAnalyzer {
    /// What FTS5 tokenizes a text for (`FTS5_TOKENIZE_*`).
    enum Purpose {
        case document, query, prefixQuery, highlight
    }

    /// Takes a token for FTS5: its bytes, whether it shares the previous token's position,
    /// and the byte range of the text it stands for; false stops the tokenizing.
    typealias Emit = (_ token: UnsafeBufferPointer<UInt8>, _ colocated: Bool, _ range: Range<Int>) -> Bool

    private let stemmer: SnowballStemmer
    private let lexicon: () -> Lexicon
    /// Words seen before, by the `WordHash` of their bytes as written.
    private var cache: [UInt64: AnalyzedWord] = [:]
    private static let cacheLimit = 50_000

    /// Nil when libstemmer cannot make a German stemmer. `lexicon` is asked for on the first
    /// document word that may be a compound, so queries never load the word list.
    init?(lexicon: @escaping () -> Lexicon) {
        guard let stemmer = SnowballStemmer() else { return nil }
        self.stemmer = stemmer
        self.lexicon = lexicon
    }

    /// One word (or hyphen piece) as written, analysed.
    private final class AnalyzedWord {
        let written: [UInt8]
        let folded: [UInt8]
        let stem: [UInt8]
        /// The colocated tokens of a document position, end to end: the stem again, the
        /// folded word if it differs, the parts' stems. Nil until a document needs them.
        var colocated: TokenList?

        init(written: [UInt8], folded: [UInt8], stem: [UInt8]) {
            self.written = written
            self.folded = folded
            self.stem = stem
        }
    }

    /// Tokens stored end to end in one buffer.
    private struct TokenList {
        var bytes: [UInt8] = []
        var ends: [Int] = []

        mutating func append(_ token: [UInt8]) {
            bytes += token
            ends.append(bytes.count)
        }

        func forEach(_ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
            bytes.withUnsafeBufferPointer { buffer in
                var start = 0
                for end in ends {
                    guard body(UnsafeBufferPointer(rebasing: buffer[start ..< end])) else { return false }
                    start = end
                }
                return true
            }
        }
    }

    /// Tokenizes `text` (UTF-8) for `purpose`, calling `emit` per token until it returns false.
    func tokenize(_ text: UnsafeBufferPointer<UInt8>, for purpose: Purpose, emit: Emit) {
        WordSegmenter.forEachWord(in: text) { pieces in
            if pieces.count == 1 {
                let word = analyze(UnsafeBufferPointer(rebasing: text[pieces[0]]), for: purpose)
                return emitWord(word, joined: nil, range: pieces[0], for: purpose, emit: emit)
            }
            let words = pieces.map { analyze(UnsafeBufferPointer(rebasing: text[$0]), for: purpose) }
            let whole = pieces[0].lowerBound ..< pieces[pieces.count - 1].upperBound
            if purpose == .query {
                let stem = stemmer.stem(words.flatMap(\.folded))
                return stem.isEmpty || stem.withUnsafeBufferPointer { emit($0, false, whole) }
            }
            var joined = purpose == .document ? (stemmer.stem(words.flatMap(\.folded)), whole) : nil
            for (word, range) in zip(words, pieces) where !word.stem.isEmpty {
                guard emitWord(word, joined: joined, range: range, for: purpose, emit: emit) else { return false }
                joined = nil
            }
            return true
        }
    }

    /// Emits the tokens of one position; `joined` (a hyphenated word written together) goes
    /// with the first piece of a document word.
    private func emitWord(_ word: AnalyzedWord, joined: ([UInt8], Range<Int>)?, range: Range<Int>, for purpose: Purpose, emit: Emit) -> Bool {
        guard !word.stem.isEmpty else { return true }
        let primary = purpose == .prefixQuery ? word.folded : word.stem
        guard primary.withUnsafeBufferPointer({ emit($0, false, range) }) else { return false }
        guard purpose == .document else { return true }
        if let (token, whole) = joined, !token.isEmpty {
            let emitted = token.withUnsafeBufferPointer { emit($0, true, whole) && emit($0, true, whole) }
            guard emitted else { return false }
        }
        return word.colocated?.forEach { emit($0, true, range) } ?? true
    }

    /// The analysis of one word as written, from the cache when it was seen before.
    private func analyze(_ bytes: UnsafeBufferPointer<UInt8>, for purpose: Purpose) -> AnalyzedWord {
        let key = WordHash.of(bytes)
        let word: AnalyzedWord
        if let known = cache[key], known.written.count == bytes.count, known.written.withUnsafeBufferPointer({ written in
            guard let stored = written.baseAddress, let given = bytes.baseAddress else { return true } // both empty
            return memcmp(stored, given, bytes.count) == 0
        }) {
            word = known
        } else {
            if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            let folded = GermanFolding.fold(bytes)
            word = AnalyzedWord(written: Array(bytes), folded: folded, stem: folded.isEmpty ? [] : stemmer.stem(folded))
            cache[key] = word
        }
        if purpose == .document, word.colocated == nil { word.colocated = colocatedTokens(of: word) }
        return word
    }

    /// The stem again, the folded word when it differs, and the stems of the compound parts,
    /// each once and none equal to the word's own stem.
    private func colocatedTokens(of word: AnalyzedWord) -> TokenList {
        var tokens = TokenList()
        tokens.append(word.stem)
        if word.folded != word.stem { tokens.append(word.folded) }
        guard Self.startsWithCapital(word.written), WordHash.letterCount(word.folded) >= Decompounder.minimumCompoundLength,
              !word.folded.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return tokens }
        var stems: [[UInt8]] = []
        for part in Decompounder(lexicon: lexicon()).parts(of: word.folded) {
            let stem = stemmer.stem(part)
            if stem != word.stem, !stems.contains(stem) { stems.append(stem) }
        }
        stems.forEach { tokens.append($0) }
        return tokens
    }

    /// Whether the word as written begins with a capital letter (`Planung`, `Ämter`, `Ökologie`).
    private static func startsWithCapital(_ written: [UInt8]) -> Bool {
        guard let first = written.first else { return false }
        if first < 0x80 { return first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") }
        var iterator = written.makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter
    }
}
