import ArchivarCore

/// A piece of an HTML document. Text and attribute values are escaped when rendered,
/// so markup can only enter through `SanitizedHTML` (the sanitizer) — never by
/// concatenating strings.
public struct HTMLNode: Sendable {
    enum Storage: Sendable {
        case element(name: String, attributes: [(String, String)], children: [HTMLNode])
        case text(String)
        case sanitized(SanitizedHTML)
        case fragment([HTMLNode])
    }

    let storage: Storage

    /// An element; `attributes` keep their order. Void elements (`br`, `img`, `meta`,
    /// `link`, `input`, `hr`) ignore children.
    public static func element(_ name: String, _ attributes: [(String, String)] = [], _ children: [HTMLNode] = []) -> HTMLNode {
        HTMLNode(storage: .element(name: name, attributes: attributes, children: children))
    }

    /// An element with a single text child: `.element("h1", text: "Titel")`.
    public static func element(_ name: String, _ attributes: [(String, String)] = [], text: String) -> HTMLNode {
        element(name, attributes, [.text(text)])
    }

    /// Escaped text.
    public static func text(_ text: String) -> HTMLNode { HTMLNode(storage: .text(text)) }

    /// Markup that went through the sanitizer.
    public static func sanitized(_ html: SanitizedHTML) -> HTMLNode { HTMLNode(storage: .sanitized(html)) }

    /// Several nodes side by side.
    public static func fragment(_ nodes: [HTMLNode]) -> HTMLNode { HTMLNode(storage: .fragment(nodes)) }

    /// Nothing.
    public static let empty = HTMLNode(storage: .fragment([]))

    /// A link.
    public static func link(_ href: String, _ label: String, _ attributes: [(String, String)] = []) -> HTMLNode {
        element("a", [("href", href)] + attributes, text: label)
    }

    /// The markup.
    public func render() -> String {
        var output = ""
        render(into: &output)
        return output
    }

    /// Appends the markup to `output`.
    public func render(into output: inout String) {
        switch storage {
        case .text(let text):
            HTMLEscaping.appendText(text, to: &output)
        case .sanitized(let html):
            output += html.markup
        case .fragment(let nodes):
            for node in nodes { node.render(into: &output) }
        case .element(let name, let attributes, let children):
            output += "<" + name
            for (key, value) in attributes {
                output += " " + key + "=\""
                HTMLEscaping.appendAttribute(value, to: &output)
                output += "\""
            }
            output += ">"
            if HTMLEscaping.voidElements.contains(name) { return }
            for child in children { child.render(into: &output) }
            output += "</" + name + ">"
        }
    }
}

/// Escaping rules for HTML text and attribute values.
public enum HTMLEscaping {
    /// Elements that have no end tag.
    public static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    /// Escapes `&`, `<`, `>` (text content).
    public static func appendText(_ text: String, to output: inout String) {
        append(text, to: &output, escapingQuotes: false)
    }

    /// Escapes `&`, `<`, `>`, `"`, `'` (attribute values in double quotes).
    public static func appendAttribute(_ text: String, to output: inout String) {
        append(text, to: &output, escapingQuotes: true)
    }

    /// Copies `text` in runs, replacing the characters to escape and dropping control
    /// characters other than tab and line breaks. All of them are ASCII, so a UTF-8
    /// byte below 0x80 is always a whole scalar and the runs end on scalar boundaries.
    private static func append(_ text: String, to output: inout String, escapingQuotes: Bool) {
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let replacement: String?
            switch utf8[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\"") where escapingQuotes: replacement = "&quot;"
            case UInt8(ascii: "'") where escapingQuotes: replacement = "&#39;"
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: replacement = ""
            default: replacement = nil
            }
            if let replacement {
                output += Substring(text.unicodeScalars[runStart..<index])
                output += replacement
                runStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        output += Substring(text.unicodeScalars[runStart..<utf8.endIndex])
    }

    /// The escaped text as a string.
    public static func escapeText(_ text: String) -> String {
        var output = ""
        appendText(text, to: &output)
        return output
    }
}
