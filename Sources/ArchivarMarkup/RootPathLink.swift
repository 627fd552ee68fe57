import Foundation

extension HTMLSanitizer {
    /// A path from the site's root (`/publikationen/bericht/`, the usual relative link in a
    /// partner's HTML) made absolute against `base` without the URL parser: the base's
    /// `scheme://host` followed by the path, which is what `URL(string:relativeTo:)` gives
    /// when the path holds only letters, digits and `-._~/`, no empty segment and no segment
    /// starting with a dot, and the base is http(s) with a plain host (lowercase letters,
    /// digits, dots and hyphens, no port). nil for any other reference or base.
    /// Spec: RFC 3986 §5.2.2 (a reference with an absolute path keeps the base's scheme and authority).
    static func rootPathLink(_ reference: String, against base: URL) -> String? {
        var reference = reference
        let isPlainPath = reference.withUTF8 { bytes -> Bool in
            guard bytes.first == UInt8(ascii: "/") else { return false }
            var previous = UInt8(ascii: "/")
            for byte in bytes.dropFirst() {
                guard isPlainPathByte(byte), previous != UInt8(ascii: "/") || (byte != UInt8(ascii: "/") && byte != UInt8(ascii: ".")) else {
                    return false
                }
                previous = byte
            }
            return true
        }
        guard isPlainPath else { return nil }
        var origin = base.absoluteString
        let originLength = origin.withUTF8 { bytes -> Int? in
            let https = "https://".utf8, http = "http://".utf8
            let schemeLength = bytes.starts(with: https) ? https.count : bytes.starts(with: http) ? http.count : 0
            guard schemeLength > 0 else { return nil }
            var end = schemeLength
            while end < bytes.count, bytes[end] != UInt8(ascii: "/") {
                guard isPlainHostByte(bytes[end]) else { return nil }
                end += 1
            }
            return end > schemeLength ? end : nil
        }
        guard let originLength else { return nil }
        return String(decoding: origin.utf8.prefix(originLength), as: UTF8.self) + reference
    }

    private static func isPlainPathByte(_ byte: UInt8) -> Bool {
        isPlainHostByte(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "/")
    }

    private static func isPlainHostByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }
}
