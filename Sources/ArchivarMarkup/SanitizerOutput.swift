import ArchivarCore
import ArchivarHTML

/// What `HTMLSanitizer` writes while libxml2 reads a fragment: the markup, as
/// `HTMLNode.render` writes it, and, when asked for, the text a reader of that markup sees.
/// Both are built as UTF-8 bytes straight from libxml2's text, without a string per node.
struct SanitizerOutput {
    let collectsText: Bool
    private var markup: [UInt8] = []
    /// Text, with a space around block elements (as `HTMLText.plainText` collects it).
    private var plainText = CleanText()

    /// `capacity`: the length of the HTML read, about what is written. The markup is written
    /// into `buffer` (an empty one, perhaps with room from earlier work; see `returnBuffer`).
    init(collectsText: Bool, capacity: Int, buffer: inout [UInt8]) {
        self.collectsText = collectsText
        swap(&markup, &buffer)
        // Room for what sanitizing adds: absolute links, `rel` attributes, escapes.
        markup.reserveCapacity(capacity + capacity / 8 + 256)
        if collectsText { plainText = CleanText(capacity: capacity) }
    }

    /// Hands the markup's buffer back to `buffer`, once `html` has been made.
    mutating func returnBuffer(to buffer: inout [UInt8]) {
        swap(&markup, &buffer)
    }

    /// Writes a start tag (`open`: `<` and the name); `isBlock`: text before it and inside it are apart.
    mutating func startTag(_ open: [UInt8], _ attributes: [(String, String)], isBlock: Bool) {
        markup.append(contentsOf: open)
        for (key, value) in attributes {
            markup.append(UInt8(ascii: " "))
            markup.append(contentsOf: key.utf8)
            markup.append(contentsOf: "=\"".utf8)
            HTMLEscaping.appendAttribute(value, to: &markup)
            markup.append(UInt8(ascii: "\""))
        }
        markup.append(UInt8(ascii: ">"))
        if collectsText, isBlock { plainText.appendSpace() }
    }

    /// Writes an end tag (`close`: `</`, the name and `>`); `isBlock`: text inside it and after it are apart.
    mutating func endTag(_ close: [UInt8], isBlock: Bool) {
        markup.append(contentsOf: close)
        if collectsText, isBlock { plainText.appendSpace() }
    }

    /// Appends UTF-8 text: a text node whole or in pieces, one after the other.
    mutating func appendText(_ value: UnsafeBufferPointer<UInt8>) {
        // NFC of the whole markup (see `html`) would join a combining mark at the start of a
        // text with the `>` before it (`>` + U+0338 is `≯`) and break the tag open: such marks
        // are written as character references instead, also after control characters that
        // escaping leaves out. Scalars below U+0300 (lead bytes below 0xCC) are never combining
        // marks. (After a piece that wrote something, the markup ends in text, never in `>`.)
        if markup.last == UInt8(ascii: ">"), let start = value.firstIndex(where: { !HTMLEscaping.drops($0) }), value[start] >= 0xCC {
            let text = String(decoding: UnsafeBufferPointer(rebasing: value[start...]), as: UTF8.self)
            let marks = text.unicodeScalars.prefix { $0.properties.canonicalCombiningClass != .notReordered }
            if !marks.isEmpty {
                for mark in marks { markup.append(contentsOf: "&#\(mark.value);".utf8) }
                if collectsText { appendPlain(String(String.UnicodeScalarView(marks))) }
                var rest = String(text.unicodeScalars.dropFirst(marks.count))
                rest.withUTF8 { appendEscaped($0) }
                return
            }
        }
        appendEscaped(value)
    }

    /// Escapes text into the markup; the plain text gets what a reader of it sees: the
    /// text without the control characters `HTMLEscaping` leaves out.
    private mutating func appendEscaped(_ value: UnsafeBufferPointer<UInt8>) {
        var dropsSome = false
        HTMLEscaping.escape(value, escapingQuotes: false, run: { markup.append(contentsOf: $0) }, escaped: { _, replacement in
            HTMLEscaping.append(replacement, to: &markup)
            if replacement == .dropped { dropsSome = true }
        })
        guard collectsText else { return }
        guard dropsSome else {
            plainText.append(value)
            return
        }
        HTMLEscaping.escape(value, escapingQuotes: false, run: { plainText.append($0) }, escaped: { byte, replacement in
            if replacement != .dropped { withUnsafePointer(to: byte) { plainText.append(UnsafeBufferPointer(start: $0, count: 1)) } }
        })
    }

    private mutating func appendPlain(_ text: String) {
        var text = text
        text.withUTF8 { plainText.append($0) }
    }

    /// The markup written, in Unicode NFC.
    var html: SanitizedHTML {
        let text = markup.withUnsafeBufferPointer { bytes in
            TextFolding.isSurelyNFC(bytes) ? String(decoding: bytes, as: UTF8.self)
                : TextFolding.nfc(String(decoding: bytes, as: UTF8.self))
        }
        return SanitizedHTML(trusted: text)
    }

    /// The plain text collected (`TextFolding.clean` of what a reader sees).
    var text: CleanText { plainText }
}
