import ArchivarCore

/// The absolute addresses a feed points to. The paths follow the HTML archive
/// (`records/<id>/`, `publications/`…) so entry links land on the published pages.
struct FeedAddress: Sendable {
    /// `config.baseURL`, always ending in `/`.
    let base: String

    init(baseURL: String) {
        base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    /// `base` + `path`.
    func absolute(_ path: String) -> String { base + path }

    /// The record's page, also its stable entry id; nil for an empty id. An id that is not
    /// a safe path segment is percent-encoded as the HTML publisher names its folder.
    func recordPage(id: String) -> String? {
        guard !id.isEmpty else { return nil }
        return base + "records/" + PathSegment.url(id) + "/"
    }

    /// The archive page that lists a kind.
    func kindPage(_ kind: String) -> String {
        switch kind {
        case RecordKind.publication: return base + "publications/"
        case RecordKind.press: return base + "press/"
        case RecordKind.partner: return base + "partners/"
        default: return base
        }
    }

    /// Where the item itself lives (`link`, `URL`, else the DOI resolver), only when it is
    /// an http(s) address: a `javascript:` link from a feed must not reach a reader.
    static func originalLink(of record: Record) -> String? {
        let candidates = [record.link, record.url, record.doi.map { "https://doi.org/" + $0 }]
        return candidates.compactMap { $0 }.first { link in
            let lower = link.lowercased()
            return lower.hasPrefix("https://") || lower.hasPrefix("http://")
        }
    }
}

/// A text as one path segment: ASCII letters, digits, `-` and `_` stay, every other
/// byte becomes `%XX`. `file` names the folder on disk; `url` is that name as it
/// appears in a URL (its `%` escaped once more), so both point to the same place.
enum PathSegment {
    static func file(_ text: String) -> String { encode(text) }

    static func url(_ text: String) -> String { encode(encode(text)) }

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
