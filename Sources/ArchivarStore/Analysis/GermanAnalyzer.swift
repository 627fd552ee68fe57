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
/// stemmer and a cache of analysed words (`WordCache`), neither thread-safe.
final class GermanAnalyzer {
    /// What FTS5 tokenizes a text for (`FTS5_TOKENIZE_*`).
    enum Purpose {
        case document, query, prefixQuery, highlight
    }

    /// Takes a token for FTS5: its bytes, whether it shares the previous token's position,
    /// and the byte range of the text it stands for; false stops the tokenizing.
    typealias Emit = (_ token: UnsafeBufferPointer<UInt8>, _ colocated: Bool, _ range: Range<Int>) -> Bool

    private var analysis: Analysis

    /// Nil when libstemmer cannot make a German stemmer. `lexicon` is asked for on the first
    /// document word that may be a compound, so queries never load the word list.
    init?(lexicon: @escaping () -> Lexicon) {
        guard let stemmer = SnowballStemmer() else { return nil }
        analysis = Analysis(stemmer: stemmer, lexicon: lexicon)
    }

    /// A query text that begins with this byte is one index term, which the rest of the text
    /// spells as the index holds it: it is emitted as it is, not analysed (`PrefixExpansion`
    /// writes the terms a prefix covers so). Visitors' texts never begin with it (`QueryCompiler`).
    static let indexTermMarker: UInt8 = 0x01

    /// Tokenizes `text` (UTF-8) for `purpose`, calling `emit` per token until it returns false.
    func tokenize(_ text: UnsafeBufferPointer<UInt8>, for purpose: Purpose, emit: Emit) {
        if purpose == .query, text.first == Self.indexTermMarker {
            if text.count > 1 { _ = emit(UnsafeBufferPointer(rebasing: text[1...]), false, 1 ..< text.count) }
            return
        }
        analysis.tokenize(text, for: purpose, emit: emit)
    }
}

/// The analyzer's work. A noncopyable struct run in place (`mutating`): the word cache is
/// reached directly, not through the analyzer object, so a word costs no reference counting.
private struct Analysis: ~Copyable {
    typealias Purpose = GermanAnalyzer.Purpose

    let stemmer: SnowballStemmer
    let lexicon: () -> Lexicon
    var cache = WordCache()

    /// See `GermanAnalyzer.tokenize`.
    mutating func tokenize(_ text: UnsafeBufferPointer<UInt8>, for purpose: Purpose, emit: GermanAnalyzer.Emit) {
        cache.makeRoomIfFull() // between texts: no word index is held
        var segmenter = WordSegmenter(text)
        while segmenter.next() {
            let emitted = segmenter.joinedPieces.isEmpty
                ? emitWord(analyze(text, segmenter.word, for: purpose), joined: nil, range: segmenter.word, for: purpose, emit: emit)
                : emitJoinedWord(segmenter.joinedPieces, in: text, for: purpose, emit: emit)
            guard emitted else { return }
        }
    }

    /// Emits the tokens of a word whose pieces a hyphen or an apostrophe joins.
    private mutating func emitJoinedWord(_ pieces: [Range<Int>], in text: UnsafeBufferPointer<UInt8>, for purpose: Purpose,
                                         emit: GermanAnalyzer.Emit) -> Bool {
        var words: [WordCache.Index] = []
        for piece in pieces { words.append(analyze(text, piece, for: purpose)) }
        let whole = pieces[0].lowerBound ..< pieces[pieces.count - 1].upperBound
        var written: [UInt8] = [] // the pieces' folded forms written together
        for word in words { written += cache.text(cache.words[word].folded) }
        if purpose == .query {
            let stem = stemmer.stem(written)
            return stem.isEmpty || stem.withUnsafeBufferPointer { emit($0, false, whole) }
        }
        var joined = purpose == .document ? (stemmer.stem(written), whole) : nil
        for (word, range) in zip(words, pieces) where !cache.words[word].stem.isEmpty {
            guard emitWord(word, joined: joined, range: range, for: purpose, emit: emit) else { return false }
            joined = nil
        }
        return true
    }

    /// Emits the tokens of one position; `joined` (a hyphenated word written together) goes
    /// with the first piece of a document word.
    private func emitWord(_ index: WordCache.Index, joined: ([UInt8], Range<Int>)?, range: Range<Int>, for purpose: Purpose,
                          emit: GermanAnalyzer.Emit) -> Bool {
        let word = cache.words[index]
        guard !word.stem.isEmpty else { return true }
        guard emit(cache.text(purpose == .prefixQuery ? word.folded : word.stem), false, range) else { return false }
        guard purpose == .document else { return true }
        if let (token, whole) = joined, !token.isEmpty {
            let emitted = token.withUnsafeBufferPointer { emit($0, true, whole) && emit($0, true, whole) }
            guard emitted else { return false }
        }
        guard let colocated = word.colocated else { return true }
        for token in colocated {
            guard emit(cache.text(cache.tokens[token]), true, range) else { return false }
        }
        return true
    }

    /// The analysis of the word at `range` of `text`, from the cache when it was seen before.
    private mutating func analyze(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, for purpose: Purpose) -> WordCache.Index {
        let written = UnsafeBufferPointer(rebasing: text[range])
        let hash = WordHash.of(written)
        let index: WordCache.Index
        if let known = cache.find(written, hash: hash) {
            index = known
        } else {
            let folded = GermanFolding.fold(written)
            index = cache.add(written, hash: hash, folded: folded, stem: folded.isEmpty ? [] : stemmer.stem(folded))
        }
        if purpose == .document, cache.words[index].colocated == nil { setColocatedTokens(of: index) }
        return index
    }

    /// The stem again, the folded word when it differs, and the stems of the compound parts,
    /// each once and none equal to the word's own stem.
    private mutating func setColocatedTokens(of index: WordCache.Index) {
        let word = cache.words[index]
        let stem = Array(cache.text(word.stem)), folded = Array(cache.text(word.folded))
        let own = folded == stem ? [word.stem] : [word.stem, word.folded]
        var stems: [[UInt8]] = []
        if Self.startsWithCapital(cache.text(word.written)), WordHash.letterCount(folded) >= Decompounder.minimumCompoundLength,
           !folded.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            for part in Decompounder(lexicon: lexicon()).parts(of: folded) {
                let partStem = stemmer.stem(part)
                if partStem != stem, !stems.contains(partStem) { stems.append(partStem) }
            }
        }
        cache.setColocated(index, own: own, new: stems)
    }

    /// Whether the word as written begins with a capital letter (`Planung`, `Ämter`, `Ökologie`).
    private static func startsWithCapital(_ written: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = written.first else { return false }
        if first < 0x80 { return first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") }
        var iterator = written.makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter
    }
}
