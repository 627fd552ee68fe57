import ArchivarCore
import CLibXML2
import Foundation

extension MarkupParser {
    /// Parses a whole HTML page (a partner's web page without a feed) with libxml2's
    /// HTML parser: tag soup is recovered, nothing is fetched, nothing is printed.
    /// Without `encoding` the page's own `<meta charset>` (or its `http-equiv`
    /// Content-Type) decides, else UTF-8 with a fallback to ISO-8859-1.
    /// - Parameters:
    ///   - url: the page's address; `<base href>` and `MarkupNode.baseURI` build on it.
    ///   - encoding: the charset the server declared; it wins over the page's own.
    /// Spec: HTML Living Standard §13.2.3.2 Determining the character encoding.
    public static func htmlDocument(_ data: Data, url: String? = nil, encoding: String? = nil) -> MarkupDocument? {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue)
        let document = data.withUnsafeBytes { bytes -> htmlDocPtr? in
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return nil }
            return htmlReadMemory(base, Int32(clamping: bytes.count), url, encoding, options)
        }
        return document.map { MarkupDocument(handle: $0, problems: []) }
    }

    /// Parses a fetched HTML page, honouring the charset of its HTTP Content-Type.
    public static func htmlDocument(_ fetched: FetchedDocument) -> MarkupDocument? {
        htmlDocument(fetched.data, url: fetched.url.absoluteString, encoding: fetched.charset)
    }
}

extension FetchedDocument {
    /// The `charset` parameter of the Content-Type header (`text/html; charset="windows-1252"`), if any.
    /// Spec: RFC 9110 §8.3.
    public var charset: String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\"'")))
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
