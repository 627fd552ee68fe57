import ArchivarCore
import ArchivarHTML

/// What `HTMLSanitizer` writes while it walks a parsed fragment: the markup, as
/// `HTMLNode.render` writes it, and, when asked for, the text a reader of that markup sees.
struct SanitizerOutput {
    let collectsText: Bool
    var markup = ""
    /// Text nodes, with a space around block elements (see `HTMLText.collect`).
    var plainText = CleanText()

    init(collectsText: Bool) { self.collectsText = collectsText }

    mutating func startTag(_ name: String, _ attributes: [(String, String)]) {
        markup += "<" + name
        for (key, value) in attributes {
            markup += " " + key + "=\""
            HTMLEscaping.appendAttribute(value, to: &markup)
            markup += "\""
        }
        markup += ">"
        if collectsText, HTMLText.blockElements.contains(name) { plainText.appendSpace() }
    }

    mutating func endTag(_ name: String) {
        markup += "</" + name + ">"
        if collectsText, HTMLText.blockElements.contains(name) { plainText.appendSpace() }
    }

    mutating func appendText(_ value: String) {
        var value = value
        // NFC of the whole markup (see `HTMLSanitizer.sanitize`) would join a combining mark at the
        // start of a text with the `>` before it (`>` + U+0338 is `≯`) and break the
        // tag open: such marks are written as character references instead.
        if markup.utf8.last == UInt8(ascii: ">"), let first = value.unicodeScalars.first,
           first.properties.canonicalCombiningClass != .notReordered {
            let marks = value.unicodeScalars.prefix { $0.properties.canonicalCombiningClass != .notReordered }
            for mark in marks { markup += "&#\(mark.value);" }
            if collectsText { plainText.append(String(String.UnicodeScalarView(marks))) }
            value = String(value.unicodeScalars.dropFirst(marks.count))
        }
        HTMLEscaping.appendText(value, to: &markup)
        guard collectsText else { return }
        let hasDropped = value.withUTF8 { bytes in bytes.contains(where: Self.isDroppedByEscaping) }
        if hasDropped {
            plainText.append(String(String.UnicodeScalarView(value.unicodeScalars.filter {
                !($0.isASCII && Self.isDroppedByEscaping(UInt8($0.value)))
            })))
        } else {
            plainText.append(value)
        }
    }

    /// The control characters `HTMLEscaping` leaves out of the markup: a reader of it
    /// never sees them, so neither does the plain text.
    static func isDroppedByEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 ? byte != 0x09 && byte != 0x0A && byte != 0x0D : byte == 0x7F
    }
}
