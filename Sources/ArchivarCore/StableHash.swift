import Foundation

/// A fast, stable, non-cryptographic hash (FNV-1a, 64 bit) for content hashes and
/// feed item ids. Stable across runs and machines, unlike `Hasher`.
public enum StableHash {
    public static func value(of bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
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
