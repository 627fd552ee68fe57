import ArchivarCore
import ArchivarHTML
import CLibXML2
import Foundation

/// Rebuilds untrusted HTML (partner feeds, imported records) from an allow-list:
/// text structure, links, images, tables, lists, quotes and code survive; scripts,
/// styles, frames, plugins, forms, event handlers and dangerous URLs do not.
/// The output is built with `HTMLNode`, so everything it emits is escaped.
public struct HTMLSanitizer: Sendable {
    /// The URL relative links are resolved against.
    public var baseURL: URL?

    public init(baseURL: URL? = nil) { self.baseURL = baseURL }

    /// Elements removed together with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "applet", "form",
        "button", "select", "textarea", "option", "noscript", "template", "svg", "math", "head", "title",
        "audio", "video", "canvas", "noembed", "noframes", "xmp", "plaintext",
    ]
    // Void elements (embed, input, meta, link, base) are unwrapped like any unknown
    // element: libxml2's HTML 4 parser may nest the following text inside them.

    /// Elements kept (with their allowed attributes); any other element is unwrapped.
    static let allowed: [String: Set<String>] = [
        "a": ["href", "title"], "abbr": ["title"], "b": [], "blockquote": ["cite"], "br": [], "caption": [],
        "cite": [], "code": [], "dd": [], "del": ["cite", "datetime"], "dfn": [], "div": [], "dl": [], "dt": [],
        "em": [], "figcaption": [], "figure": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [], "hr": [],
        "i": [], "img": ["src", "alt", "title", "width", "height"], "ins": ["cite", "datetime"], "kbd": [],
        "li": [], "mark": [], "ol": ["start", "reversed"], "p": [], "pre": [], "q": ["cite"], "s": [],
        "samp": [], "small": [], "span": [], "strong": [], "sub": [], "sup": [], "table": [], "tbody": [],
        "td": ["colspan", "rowspan"], "tfoot": [], "th": ["colspan", "rowspan", "scope"], "thead": [],
        "time": ["datetime"], "tr": [], "u": [], "ul": [], "var": [],
    ]

    /// Attributes whose value is a URL and must pass `safeURL`.
    static let urlAttributes: Set<String> = ["href", "src", "cite"]

    /// The sanitized markup of `html`, in Unicode NFC.
    public func sanitize(_ html: String) -> SanitizedHTML {
        var output = SanitizerOutput(collectsText: false)
        rebuild(html, into: &output)
        return SanitizedHTML(trusted: TextFolding.nfc(output.markup))
    }

    /// The sanitized markup of `html` and the plain text of what it kept (what
    /// `HTMLText.plainText` reads from the markup), made in one pass over one parse.
    public func sanitizeContent(_ html: String) -> SanitizedContent {
        var output = SanitizerOutput(collectsText: true)
        rebuild(html, into: &output)
        return SanitizedContent(html: SanitizedHTML(trusted: TextFolding.nfc(output.markup)),
                                plainText: output.plainText.text)
    }

    private func rebuild(_ html: String, into output: inout SanitizerOutput) {
        guard let document = MarkupParser.htmlFragment(html), let body = document.body else { return }
        withExtendedLifetime(document) {
            var child = body.pointer.pointee.children
            while let current = child {
                rebuild(current, into: &output)
                child = current.pointee.next
            }
        }
    }

    /// Writes what is kept of `node` straight into the output, markup as `HTMLNode.render`
    /// writes it: escaped text, allowed attributes, no end tag for void elements.
    private func rebuild(_ node: xmlNodePtr, into output: inout SanitizerOutput) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            output.appendText(node.pointee.content.map { String(cString: $0) } ?? "")
        case XML_ELEMENT_NODE:
            let name = MarkupNode.lowercaseName(of: node)
            if Self.droppedWithContent.contains(name) { return }
            // h1 belongs to the page; a feed's h1 becomes h2.
            let kept = name == "h1" ? "h2" : name
            guard let allowedAttributes = Self.allowed[kept] else {
                rebuildChildren(of: node, into: &output)
                return
            }
            var attributes: [(String, String)] = []
            for (attributeName, value) in MarkupNode.attributes(of: node) {
                let attribute = attributeName.lowercased()
                guard allowedAttributes.contains(attribute) else { continue }
                if Self.urlAttributes.contains(attribute) {
                    guard let url = safeURL(value, allowDataImage: kept == "img" && attribute == "src") else { continue }
                    attributes.append((attribute, url))
                } else {
                    attributes.append((attribute, value))
                }
            }
            if kept == "a", attributes.contains(where: { $0.0 == "href" }) {
                attributes.append(("rel", "nofollow noopener"))
            }
            if kept == "img", !attributes.contains(where: { $0.0 == "src" }) { return }
            output.startTag(kept, attributes)
            if HTMLEscaping.voidElements.contains(kept) { return }
            rebuildChildren(of: node, into: &output)
            output.endTag(kept)
        default:
            return
        }
    }

    private func rebuildChildren(of node: xmlNodePtr, into output: inout SanitizerOutput) {
        var child = node.pointee.children
        while let current = child {
            rebuild(current, into: &output)
            child = current.pointee.next
        }
    }

    /// The URL made absolute against `baseURL`, if its scheme is http, https or mailto
    /// (or `data:image/…` where allowed); nil for anything else (`javascript:` …).
    public func safeURL(_ raw: String, allowDataImage: Bool = false) -> String? {
        if let scheme = Self.printableASCIIScheme(raw) {
            // The usual absolute link needs no cleaning and no URL parser.
            switch scheme {
            case "http", "https", "mailto": return raw
            case "data": break
            default: return nil
            }
        }
        // Browsers ignore control characters and white space inside a scheme: so do we.
        let cleaned = String(raw.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        let lower = cleaned.lowercased()
        if lower.hasPrefix("data:") {
            let imageTypes = ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"]
            return allowDataImage && imageTypes.contains(where: lower.hasPrefix) ? cleaned : nil
        }
        if let colon = lower.firstIndex(of: ":"), !lower[..<colon].contains("/"), !lower[..<colon].contains("?"),
           !lower[..<colon].contains("#") {
            let scheme = lower[..<colon]
            return ["http", "https", "mailto"].contains(String(scheme)) ? cleaned : nil
        }
        guard let baseURL else { return cleaned }
        guard let absolute = URL(string: cleaned, relativeTo: baseURL)?.absoluteURL,
              let scheme = absolute.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        return absolute.absoluteString
    }
}

extension HTMLSanitizer {
    /// The scheme of `raw` in lowercase, when `raw` is printable ASCII (nothing for
    /// `safeURL` to clean, one character per byte) and has one; nil otherwise.
    static func printableASCIIScheme(_ raw: String) -> String? {
        var raw = raw
        return raw.withUTF8 { bytes -> String? in
            var colon: Int?
            for (index, byte) in bytes.enumerated() {
                guard byte > 0x20, byte < 0x7F else { return nil }
                if colon == nil {
                    if byte == UInt8(ascii: ":") {
                        colon = index
                    } else if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") {
                        colon = -1 // a relative reference: no scheme
                    }
                }
            }
            guard let colon, colon >= 0 else { return nil }
            return String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        }
    }
}

/// Plain text from HTML, for the search index, summaries and titles.
public enum HTMLText {
    static let blockElements: Set<String> = [
        "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "dd", "dt", "figcaption", "table", "ul", "ol", "hr", "section", "article",
    ]

    /// The readable text of `html`, white space collapsed; scripts and styles dropped.
    public static func plainText(_ html: String) -> String {
        guard html.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else { return TextFolding.clean(html) }
        guard let body = MarkupParser.htmlFragment(html)?.body else { return TextFolding.clean(html) }
        var output = ""
        collect(body, into: &output)
        return TextFolding.clean(output)
    }

    private static func collect(_ node: MarkupNode, into output: inout String) {
        if node.isText {
            output += node.text
            return
        }
        let name = node.name.lowercased()
        if HTMLSanitizer.droppedWithContent.contains(name) { return }
        let block = blockElements.contains(name)
        if block { output += " " }
        for child in node.children { collect(child, into: &output) }
        if block { output += " " }
    }
}
