import ArchivarCore
import ArchivarHTML
import Foundation

/// Rebuilds untrusted HTML (partner feeds, imported records) from an allow-list:
/// text structure, links, images, tables, lists, quotes and code survive; scripts,
/// styles, frames, plugins, forms, event handlers and dangerous URLs do not.
/// Everything it writes is escaped as `HTMLNode` escapes it.
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
        /// `<name` and `</name>` as written.
        let open: [UInt8], close: [UInt8]

        init(name: String, attributes: Set<String>) {
            self.name = name
            self.attributes = attributes
            isVoid = HTMLEscaping.voidElements.contains(name)
            isBlock = HTMLText.blockElements.contains(name)
            open = Array("<\(name)".utf8)
            close = Array("</\(name)>".utf8)
        }
    }

    /// The tables above as one lookup per element.
    private static let rules: [String: ElementRule] = {
        var rules: [String: ElementRule] = [:]
        // h1 belongs to the page; a feed's h1 becomes h2.
        for (name, kept) in allowed.keys.map({ ($0, $0) }) + [("h1", "h2")] {
            rules[name] = .kept(KeptElement(name: kept, attributes: allowed[kept] ?? []))
        }
        for name in droppedWithContent { rules[name] = .dropped }
        return rules
    }()

    /// The sanitized markup of `html`, in Unicode NFC.
    public func sanitize(_ html: String) -> SanitizedHTML {
        var html = html
        return html.withUTF8 { rebuild($0, collectingText: false).html }
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
        let output = rebuild(html, collectingText: true)
        return SanitizedContent(html: output.html, plainText: output.text)
    }

    /// What is kept of `html` (its plain text too if `collectingText`), written while
    /// libxml2's HTML parser reads it.
    private func rebuild(_ html: UnsafeBufferPointer<UInt8>, collectingText: Bool) -> (html: SanitizedHTML, text: CleanText) {
        Self.markupBuffers.withBuffer { buffer in
            var rebuilding = Rebuilding(sanitizer: self, output: SanitizerOutput(collectsText: collectingText, capacity: html.count, buffer: &buffer))
            HTMLFragmentReader.read(html, into: &rebuilding)
            defer { rebuilding.output.returnBuffer(to: &buffer) }
            return (rebuilding.output.html, rebuilding.output.text)
        }
    }

    /// The markup being written, one buffer per thread (made a string when done).
    private static let markupBuffers = ScratchBuffer()

    /// Writes what is kept of each element and text straight into the output, markup as
    /// `HTMLNode.render` writes it: escaped text, allowed attributes, no end tag for void elements.
    private struct Rebuilding: HTMLContentVisitor {
        let sanitizer: HTMLSanitizer
        var output: SanitizerOutput
        /// The elements open, innermost last: kept ones, nil for unwrapped ones.
        private var open: [KeptElement?] = []

        init(sanitizer: HTMLSanitizer, output: SanitizerOutput) {
            self.sanitizer = sanitizer
            self.output = output
        }

        mutating func startElement(_ element: HTMLStartTag) -> Bool {
            switch HTMLSanitizer.rules[element.lowercaseName] {
            case .dropped?:
                return false
            case nil:
                open.append(nil)
                return true
            case .kept(let kept)?:
                let attributes = sanitizer.attributes(of: element, keptAs: kept)
                if kept.name == "img", !attributes.contains(where: { $0.0 == "src" }) { return false }
                output.startTag(kept.open, attributes, isBlock: kept.isBlock)
                if kept.isVoid { return false }
                open.append(kept)
                return true
            }
        }

        mutating func endElement() {
            if let kept = open.removeLast() { output.endTag(kept.close, isBlock: kept.isBlock) }
        }

        mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
            output.appendText(utf8)
        }
    }

    /// The allowed attributes of a kept element, URLs made safe, and `rel` for a link. (An
    /// attribute written without a value is empty; libxml2's tree would give HTML 4's boolean
    /// attributes their name as value, but none of them is allowed.)
    private func attributes(of element: HTMLStartTag, keptAs kept: KeptElement) -> [(String, String)] {
        var attributes: [(String, String)] = []
        element.forEachAttribute { name, value in
            let attribute = String(cString: name).lowercased()
            guard kept.attributes.contains(attribute) else { return }
            let value = value.map { String(cString: $0) } ?? ""
            if Self.urlAttributes.contains(attribute) {
                guard let url = safeURL(value, allowDataImage: kept.name == "img" && attribute == "src") else { return }
                attributes.append((attribute, url))
            } else {
                attributes.append((attribute, value))
            }
        }
        if kept.name == "a", attributes.contains(where: { $0.0 == "href" }) {
            attributes.append(("rel", "nofollow noopener"))
        }
        return attributes
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
        if let link = Self.rootPathLink(reference, against: base) { return link }
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
        var html = html
        return html.withUTF8 { bytes in
            // Without `<` or `&` there is no markup to read.
            guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: "<")), bytes.count) != nil
                    || memchr(base, Int32(UInt8(ascii: "&")), bytes.count) != nil else { return nil }
            var collecting = Collecting()
            HTMLFragmentReader.read(bytes, into: &collecting)
            return collecting.text.text
        } ?? TextFolding.clean(html)
    }

    /// Collects the text of what is not dropped, with a space around block elements.
    private struct Collecting: HTMLContentVisitor {
        var text = CleanText()
        /// Whether each element open is a block element, innermost last.
        private var blocks: [Bool] = []

        mutating func startElement(_ element: HTMLStartTag) -> Bool {
            let name = element.lowercaseName
            if HTMLSanitizer.droppedWithContent.contains(name) { return false }
            let block = HTMLText.blockElements.contains(name)
            if block { text.appendSpace() }
            blocks.append(block)
            return true
        }

        mutating func endElement() {
            if blocks.removeLast() { text.appendSpace() }
        }

        mutating func text(_ utf8: UnsafeBufferPointer<UInt8>) {
            text.append(utf8)
        }
    }
}
