import Foundation

/// A fast, stable, non-cryptographic hash (FNV-1a, 64 bit) for content hashes and
/// feed item ids. Stable across runs and machines, unlike `Hasher`.
public enum StableHash {
    public static func value(of bytes: some Sequence<UInt8>) -> UInt64 {
        if let hash = bytes.withContiguousStorageIfAvailable(value(ofContiguous:)) { return hash }
        var hash = offsetBasis
        for byte in bytes { hash = adding(byte, to: hash) }
        return hash
    }

    /// FNV-1a's starting value, for hashes built byte by byte with `adding(_:to:)`.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// `hash` with one more byte.
    @inlinable
    public static func adding(_ byte: UInt8, to hash: UInt64) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// `value(of:)` over bytes in one piece (an array, a native string's UTF-8, a
    /// tokenizer's word), without an iterator.
    @inlinable
    public static func value(ofContiguous bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = offsetBasis
        var index = 0
        while index < bytes.count {
            hash = adding(bytes[index], to: hash)
            index += 1
        }
        return hash
    }

    /// 16 lowercase hex digits.
    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        let text = String(value(of: bytes), radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// The hash of a string's UTF-8 bytes, as hex.
    public static func hex(of text: String) -> String { hex(of: text.utf8) }
}
