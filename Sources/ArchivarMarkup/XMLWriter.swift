/// Writes an XML 1.0 document element by element. Text and attribute values are
/// escaped by construction and characters XML 1.0 does not allow are dropped, so
/// the output is well-formed whatever text goes in. Element and attribute names
/// come from the calling code, never from input.
/// Spec: XML 1.0 (Fifth Edition) §2.2 Characters, §2.4 Character Data.
public struct XMLWriter: Sendable {
    /// The document so far.
    public private(set) var output: String
    private var depth = 0

    /// Starts a document with the XML declaration (UTF-8).
    public init() {
        output = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    }

    /// An element whose children `body` writes; attributes keep their order.
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [],
                                 _ body: (inout XMLWriter) -> Void) {
        writeStartTag(name, attributes, close: ">\n")
        depth += 1
        body(&self)
        depth -= 1
        indent()
        output += "</" + name + ">\n"
    }

    /// An element holding only text: `<title>…</title>`.
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text: String) {
        writeStartTag(name, attributes, close: ">")
        XMLWriter.appendEscaped(text, to: &output, inAttribute: false)
        output += "</" + name + ">\n"
    }

    /// An element without content: `<link href="…"/>`.
    public mutating func emptyElement(_ name: String, _ attributes: [(String, String)] = []) {
        writeStartTag(name, attributes, close: "/>\n")
    }

    private mutating func writeStartTag(_ name: String, _ attributes: [(String, String)], close: String) {
        indent()
        output += "<" + name
        for (key, value) in attributes {
            output += " " + key + "=\""
            XMLWriter.appendEscaped(value, to: &output, inAttribute: true)
            output += "\""
        }
        output += close
    }

    private mutating func indent() {
        output += String(repeating: "  ", count: depth)
    }

    /// Escapes markup characters and drops characters not allowed in XML 1.0. In
    /// attributes, tab and line breaks become character references so that attribute
    /// value normalization keeps them.
    public static func appendEscaped(_ text: String, to output: inout String, inAttribute: Bool) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where inAttribute: output += "&quot;"
            case "\t" where inAttribute: output += "&#9;"
            case "\n" where inAttribute: output += "&#10;"
            case "\r": output += "&#13;"
            default:
                if isAllowed(scalar) { output.unicodeScalars.append(scalar) }
            }
        }
    }

    /// Whether XML 1.0 allows `scalar` in a document (the `Char` production).
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
