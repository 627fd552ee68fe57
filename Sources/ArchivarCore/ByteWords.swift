/// Looks at UTF-8 text eight bytes at a time: each test gives a word with the high bit of
/// every byte that passes it set, exactly ("SWAR" without carries between bytes; see
/// H. S. Warren, Hacker's Delight, ch. 6). Text scanners skip words where no byte passes
/// and look at the bytes one by one from the first that does.
public enum ByteWords {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `index` (which must leave eight to read), the first in the lowest bits.
    @inlinable @inline(__always)
    public static func word(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped + index).loadUnaligned(as: UInt64.self))
    }

    /// Bytes equal to `byte`.
    @inlinable @inline(__always)
    public static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        zero(word ^ (ones &* UInt64(byte)))
    }

    /// Zero bytes: adding 0x7F to the low seven bits sets the high bit of every other byte.
    @inlinable @inline(__always)
    public static func zero(_ word: UInt64) -> UInt64 {
        let low = ~highBits
        return ~(((word & low) &+ low) | word | low)
    }

    /// Bytes below `bound`, which must be at most 0x80.
    @inlinable @inline(__always)
    public static func below(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        ~(((word & ~highBits) &+ ones &* UInt64(0x80 - bound)) | word) & highBits
    }

    /// UTF-8 continuation bytes (0x80…0xBF).
    @inlinable @inline(__always)
    public static func continuations(_ word: UInt64) -> UInt64 {
        word & ~(word << 1) & highBits
    }

    /// Leads of two-byte UTF-8 sequences (0xC2…0xDF; 0xC0 and 0xC1 would be overlong).
    @inlinable @inline(__always)
    public static func twoByteLeads(_ word: UInt64) -> UInt64 {
        word & (word << 1) & ~(word << 2) & highBits & ~equal(word & ~ones, 0xC0)
    }

    /// Leads of longer UTF-8 sequences and bytes UTF-8 never has (0xE0…0xFF).
    @inlinable @inline(__always)
    public static func longerLeads(_ word: UInt64) -> UInt64 {
        word & (word << 1) & (word << 2) & highBits
    }

    /// Bytes from 0xCC on: leads of scalars from U+0300 on, where combining marks begin.
    @inlinable @inline(__always)
    public static func fromCombiningMarks(_ word: UInt64) -> UInt64 {
        ((word & ~highBits) &+ ones &* 0x34) & word & highBits
    }

    /// Bytes that may begin white space other than the ASCII space: control characters and
    /// the UTF-8 leads of U+0085/U+00A0 (0xC2), U+1680 (0xE1), U+2000…U+205F (0xE2) and U+3000 (0xE3).
    @inlinable @inline(__always)
    public static func otherWhiteSpaceLeads(_ word: UInt64) -> UInt64 {
        below(word, 0x20) | equal(word, 0xC2) | equal(word, 0xE1) | equal(word, 0xE2) | equal(word, 0xE3)
    }

    /// The offset in its word of the first byte a test passed (`mask` not zero).
    @inlinable @inline(__always)
    public static func firstOffset(_ mask: UInt64) -> Int { mask.trailingZeroBitCount / 8 }

    /// Walks `bytes` in runs of bytes that stay as they are (`run`) and the single bytes that
    /// do not (`special`, with what `classify` made of them), as escapers do. `candidates`
    /// marks the bytes of a word that `classify` might not pass over (more is fine, fewer is
    /// not), so that words without one are skipped whole. Special bytes must be ASCII, so
    /// that runs end on scalar boundaries.
    @inlinable
    public static func forEachRun<Special>(in bytes: UnsafeBufferPointer<UInt8>, candidates: (UInt64) -> UInt64,
                                           classify: (UInt8) -> Special?, run: (UnsafeBufferPointer<UInt8>) -> Void,
                                           special: (UInt8, Special) -> Void) {
        var runStart = 0
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count {
                let marked = candidates(word(bytes, at: index))
                guard marked != 0 else {
                    index += 8
                    continue
                }
                index += firstOffset(marked)
            }
            let byte = bytes[index]
            if let classified = classify(byte) {
                if runStart < index { run(UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                special(byte, classified)
                runStart = index + 1
            }
            index += 1
        }
        if runStart < bytes.count { run(UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }
}
