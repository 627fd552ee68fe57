import Foundation

/// The words one `GermanAnalyzer` has analysed, so that a word met again costs a hash, a
/// probe and a comparison. Every word's texts (as written, folded, stemmed, and the stems of
/// its compound parts) lie end to end in one byte buffer, and an open-addressing table finds
/// a word by the `WordHash` of its bytes as written. There is no object per word and the
/// buffer is memory of its own (hence `~Copyable`): looking a word up and reading its texts
/// retain and allocate nothing.
///
/// `Index`es stay valid until `makeRoomIfFull` forgets every word, the buffers that `text`
/// hands out until the next word is added.
struct WordCache: ~Copyable {
    typealias Index = Int

    /// One analysed word; its texts are ranges of the byte buffer.
    struct Word {
        let written: Range<Int>
        let folded: Range<Int>
        let stem: Range<Int>
        /// Its colocated tokens in a document (ranges of the byte buffer) as a range of
        /// `tokens`; nil until a document needs them.
        var colocated: Range<Int>?
    }

    /// The words are forgotten when this many are known (or their texts fill `byteLimit`).
    static let wordLimit = 50_000
    private static let byteLimit = 8 << 20
    /// A power of two above twice `wordLimit`: probes stay short.
    private static let slotCount = 1 << 17

    private(set) var words: [Word] = []
    /// The colocated tokens of every word, each word's list a range (`Word.colocated`).
    private(set) var tokens: [Range<Int>] = []
    /// The table, by hash: a word's position in `words` plus one (0: empty), and its hash,
    /// compared before its bytes. One slot is one load. Made (2 MB) with the first word.
    private var slots: [(word: Int32, hash: UInt64)] = []
    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCount = 0
    private var byteCapacity = 1 << 16

    init() {
        bytes = .allocate(capacity: byteCapacity)
    }

    deinit { bytes.deallocate() }

    /// The bytes of `range`, a word's text.
    func text(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + range.lowerBound, count: range.count)
    }

    /// Forgets every word when the cache is full.
    mutating func makeRoomIfFull() {
        guard words.count >= Self.wordLimit || byteCount >= Self.byteLimit else { return }
        words.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        byteCount = 0
        for slot in slots.indices { slots[slot] = (0, 0) }
    }

    /// The word written as `written`, whose `WordHash` is `hash`, if it was added.
    func find(_ written: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Index? {
        guard !slots.isEmpty else { return nil }
        let mask = Self.slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].word != 0 {
            let (word, wordHash) = slots[slot]
            if wordHash == hash, equals(words[Int(word) - 1].written, written) { return Int(word) - 1 }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Adds a word not yet known (`find` gave nil) with its folded form and stem.
    mutating func add(_ written: UnsafeBufferPointer<UInt8>, hash: UInt64, folded: [UInt8], stem: [UInt8]) -> Index {
        if slots.isEmpty { slots = Array(repeating: (0, 0), count: Self.slotCount) }
        let mask = Self.slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].word != 0 { slot = (slot + 1) & mask }
        words.append(Word(written: append(written), folded: append(folded), stem: append(stem), colocated: nil))
        slots[slot] = (Int32(words.count), hash)
        return words.count - 1
    }

    /// Sets the colocated tokens of the word at `index`: texts of the word itself (ranges of
    /// the byte buffer) and new texts, which are added to the buffer.
    mutating func setColocated(_ index: Index, own: [Range<Int>], new: [[UInt8]]) {
        let start = tokens.count
        tokens += own
        for text in new { tokens.append(append(text)) }
        words[index].colocated = start ..< tokens.count
    }

    private mutating func append(_ text: [UInt8]) -> Range<Int> {
        text.withUnsafeBufferPointer { append($0) }
    }

    private mutating func append(_ text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let start = byteCount
        if byteCount + text.count > byteCapacity {
            var capacity = byteCapacity * 2
            while byteCount + text.count > capacity { capacity *= 2 }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: bytes, count: byteCount)
            bytes.deallocate()
            bytes = grown
            byteCapacity = capacity
        }
        if let source = text.baseAddress { (bytes + byteCount).update(from: source, count: text.count) }
        byteCount += text.count
        return start ..< byteCount
    }

    private func equals(_ range: Range<Int>, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard range.count == other.count else { return false }
        guard let given = other.baseAddress else { return true } // both empty
        return memcmp(bytes + range.lowerBound, given, range.count) == 0
    }
}
