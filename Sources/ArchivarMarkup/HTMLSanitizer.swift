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

    /// What becomes of an element, by its lowercase name; any other element is unwrapped.
    private enum ElementRule {
        case dropped
        case kept(KeptElement)
    }

    /// An element the output keeps: its name there, its allowed attributes, and how it is written.
    private struct KeptElement {
        let name: String
        let attributes: Set<String>
        /// No end tag (`HTMLEscaping.voidElements`).
        let isVoid: Bool
        /// Text on either side of it is apart (`HTMLText.blockElements`).
        let isBlock: Bool
    }

    /// The tables above as one lookup per element.
    private static let rules: [String: ElementRule] = {
        var rules: [String: ElementRule] = [:]
        // h1 belongs to the page; a feed's h1 becomes h2.
        for (name, kept) in allowed.keys.map({ ($0, $0) }) + [("h1", "h2")] {
            rules[name] = .kept(KeptElement(name: kept, attributes: allowed[kept] ?? [], isVoid: HTMLEscaping.voidElements.contains(kept),
                                            isBlock: HTMLText.blockElements.contains(kept)))
        }
        for name in droppedWithContent { rules[name] = .dropped }
        return rules
    }()

    /// The sanitized markup of `html`, in Unicode NFC.
    public func sanitize(_ html: String) -> SanitizedHTML {
        var output = SanitizerOutput(collectsText: false, capacity: html.utf8.count)
        var html = html
        html.withUTF8 { rebuild($0, into: &output) }
        return output.html
    }

    /// The sanitized markup of `html` and the plain text of what it kept (what
    /// `HTMLText.plainText` reads from the markup), made in one pass over one parse.
    public func sanitizeContent(_ html: String) -> SanitizedContent {
        var html = html
        return html.withUTF8 { sanitizeContent(utf8: $0) }
    }

    /// `sanitizeContent` of the text of `node` (a feed's `content:encoded`), read in place.
    public func sanitizeContent(textOf node: MarkupNode) -> SanitizedContent {
        node.withText { sanitizeContent(utf8: $0) }
    }

    private func sanitizeContent(utf8 html: UnsafeBufferPointer<UInt8>) -> SanitizedContent {
        var output = SanitizerOutput(collectsText: true, capacity: html.count)
        rebuild(html, into: &output)
        return SanitizedContent(html: output.html, plainText: output.text)
    }

    private func rebuild(_ html: UnsafeBufferPointer<UInt8>, into output: inout SanitizerOutput) {
        guard let document = MarkupParser.htmlFragment(utf8: html), let body = document.body else { return }
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
            if let content = node.pointee.content {
                output.appendText(UnsafeBufferPointer(start: content, count: strlen(content)))
            }
        case XML_ELEMENT_NODE:
            switch Self.rules[MarkupNode.lowercaseName(of: node)] {
            case .dropped?: return
            case .kept(let element)?: rebuild(node, as: element, into: &output)
            case nil: rebuildChildren(of: node, into: &output)
            }
        default:
            return
        }
    }

    /// Writes a kept element with its allowed attributes (URLs made safe) and what is kept of its children.
    private func rebuild(_ node: xmlNodePtr, as element: KeptElement, into output: inout SanitizerOutput) {
        var attributes: [(String, String)] = []
        if node.pointee.properties != nil {
            for (attributeName, value) in MarkupNode.attributes(of: node) {
                let attribute = attributeName.lowercased()
                guard element.attributes.contains(attribute) else { continue }
                if Self.urlAttributes.contains(attribute) {
                    guard let url = safeURL(value, allowDataImage: element.name == "img" && attribute == "src") else { continue }
                    attributes.append((attribute, url))
                } else {
                    attributes.append((attribute, value))
                }
            }
        }
        if element.name == "a", attributes.contains(where: { $0.0 == "href" }) {
            attributes.append(("rel", "nofollow noopener"))
        }
        if element.name == "img", !attributes.contains(where: { $0.0 == "src" }) { return }
        output.startTag(element.name, attributes, isBlock: element.isBlock)
        if element.isVoid { return }
        rebuildChildren(of: node, into: &output)
        output.endTag(element.name, isBlock: element.isBlock)
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
        // The usual link needs no cleaning: an absolute one not even the URL parser.
        switch Self.printableASCIIReference(raw) {
        case .scheme(let scheme)?:
            switch scheme {
            case "http", "https", "mailto": return raw
            case "data": break
            default: return nil
            }
        case .relative?:
            return baseURL.map { resolve(raw, against: $0) } ?? raw
        case nil:
            break
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
        return resolve(cleaned, against: baseURL)
    }

    /// `reference` (without a scheme of its own) made absolute against `base`, if that gives http(s).
    private func resolve(_ reference: String, against base: URL) -> String? {
        guard let absolute = URL(string: reference, relativeTo: base)?.absoluteURL,
              let scheme = absolute.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        return absolute.absoluteString
    }
}

extension HTMLSanitizer {
    /// A URL that is printable ASCII (nothing for `safeURL` to clean, one character per byte):
    /// one with a scheme (in lowercase), or a relative reference.
    enum PrintableASCIIReference {
        case scheme(String)
        case relative
    }

    /// What `raw` is when it is printable ASCII; nil otherwise.
    static func printableASCIIReference(_ raw: String) -> PrintableASCIIReference? {
        var raw = raw
        return raw.withUTF8 { bytes -> PrintableASCIIReference? in
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
            guard let colon, colon >= 0 else { return .relative }
            return .scheme(String(decoding: bytes[..<colon], as: UTF8.self).lowercased())
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
