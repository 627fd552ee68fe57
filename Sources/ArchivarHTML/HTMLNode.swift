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
