import ArchivarCore
import ArchivarHTML

/// What `HTMLSanitizer` writes while it walks a parsed fragment: the markup, as
/// `HTMLNode.render` writes it, and, when asked for, the text a reader of that markup sees.
/// Both are built as UTF-8 bytes straight from libxml2's text, without a string per node.
struct SanitizerOutput {
    let collectsText: Bool
    private var markup: [UInt8] = []
    /// Text nodes, with a space around block elements (see `HTMLText.collect`).
    private var plainText = CleanText()

    /// `capacity`: the length of the HTML read, about what is written.
    init(collectsText: Bool, capacity: Int) {
        self.collectsText = collectsText
        // Room for what sanitizing adds: absolute links, `rel` attributes, escapes.
        markup.reserveCapacity(capacity + capacity / 8 + 256)
        if collectsText { plainText = CleanText(capacity: capacity) }
    }

    /// Writes a start tag; `isBlock`: text before it and inside it are apart.
    mutating func startTag(_ name: String, _ attributes: [(String, String)], isBlock: Bool) {
        markup.append(UInt8(ascii: "<"))
        markup.append(contentsOf: name.utf8)
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

    /// Writes an end tag; `isBlock`: text inside it and after it are apart.
    mutating func endTag(_ name: String, isBlock: Bool) {
        markup.append(contentsOf: "</".utf8)
        markup.append(contentsOf: name.utf8)
        markup.append(UInt8(ascii: ">"))
        if collectsText, isBlock { plainText.appendSpace() }
    }

    /// Appends a text node's UTF-8 content.
    mutating func appendText(_ value: UnsafeBufferPointer<UInt8>) {
        // NFC of the whole markup (see `HTMLSanitizer.sanitize`) would join a combining mark at the
        // start of a text with the `>` before it (`>` + U+0338 is `≯`) and break the
        // tag open: such marks are written as character references instead. Scalars below
        // U+0300 (lead bytes below 0xCC) are never combining marks.
        if let first = value.first, first >= 0xCC, markup.last == UInt8(ascii: ">") {
            let text = String(decoding: value, as: UTF8.self)
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
