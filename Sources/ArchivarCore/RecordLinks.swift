/// Where a record and its pages live: path segments for ids, the original's address.
/// A text as one path segment: ASCII letters, digits, `-` and `_` stay, every other
/// byte becomes `%XX`. `file` names the folder on disk; `url` is that name as it
/// appears in a URL (its `%` escaped once more), so both point to the same place.
/// Record and source ids are such segments already; the encoding guards the rest.
public enum PathSegment {
    /// The folder or file name on disk.
    public static func file(_ text: String) -> String { encode(text) }

    /// The same name as it appears in a URL.
    public static func url(_ text: String) -> String { encode(encode(text)) }

    private static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF")
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
            }
        }
        return result
    }
}

extension Record {
    /// Where the item itself lives: `link`, else `URL`, else the DOI resolver — only
    /// http(s) addresses, so a `javascript:` link from a feed never becomes a link.
    public var originalLink: String? {
        let candidates = [link, url, doi.map { "https://doi.org/" + $0 }]
        return candidates.compactMap { $0 }.first { candidate in
            let lower = candidate.lowercased()
            return lower.hasPrefix("https://") || lower.hasPrefix("http://")
        }
    }
}
