import ArchivarCore

/// Escaping rules for HTML text and attribute values, for strings (`HTMLNode.render`)
/// and for UTF-8 bytes (the sanitizer, which writes its markup as bytes).
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

    /// `appendAttribute` for a byte buffer.
    public static func appendAttribute(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            escape(bytes, escapingQuotes: true, run: { output.append(contentsOf: $0) },
                   escaped: { _, replacement in append(replacement, to: &output) })
        }
    }

    /// The escaped text as a string.
    public static func escapeText(_ text: String) -> String {
        var output = ""
        appendText(text, to: &output)
        return output
    }

    private static func append(_ text: String, to output: inout String, escapingQuotes: Bool) {
        var text = text
        let escapedBytes = text.withUTF8 { bytes -> [UInt8]? in
            guard bytes.contains(where: { replacement(for: $0, escapingQuotes: escapingQuotes) != nil }) else { return nil }
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 16)
            escape(bytes, escapingQuotes: escapingQuotes, run: { escaped.append(contentsOf: $0) },
                   escaped: { _, replacement in append(replacement, to: &escaped) })
            return escaped
        }
        if let escapedBytes {
            output += String(decoding: escapedBytes, as: UTF8.self)
        } else {
            output += text
        }
    }

    /// Walks UTF-8 `bytes` in runs that need no escaping (`run`) and the single bytes that
    /// do not stay as they are (`escaped`: a character replaced by its reference, or a
    /// control character other than tab and line breaks, which is dropped). Every such
    /// byte is ASCII, so the runs end on scalar boundaries.
    public static func escape(_ bytes: UnsafeBufferPointer<UInt8>, escapingQuotes: Bool,
                              run: (UnsafeBufferPointer<UInt8>) -> Void, escaped: (UInt8, EscapedByte) -> Void) {
        ByteWords.forEachRun(in: bytes, candidates: { word in
            // A byte to escape or drop (or a tab or line break, which stay).
            var candidates = ByteWords.below(word, 0x20) | ByteWords.equal(word, UInt8(ascii: "&"))
                | ByteWords.equal(word, UInt8(ascii: "<")) | ByteWords.equal(word, UInt8(ascii: ">")) | ByteWords.equal(word, 0x7F)
            if escapingQuotes {
                candidates |= ByteWords.equal(word, UInt8(ascii: "\"")) | ByteWords.equal(word, UInt8(ascii: "'"))
            }
            return candidates
        }, classify: { replacement(for: $0, escapingQuotes: escapingQuotes) }, run: run, special: escaped)
    }

    /// Appends what is written for an escaped byte: its character reference, nothing for
    /// a dropped one.
    @inlinable
    public static func append(_ escaped: EscapedByte, to output: inout [UInt8]) {
        let reference = escaped.reference
        output.append(contentsOf: UnsafeBufferPointer(start: reference.utf8Start, count: reference.utf8CodeUnitCount))
    }

    /// Whether escaping leaves `byte` out (a control character other than tab and line breaks).
    @inlinable
    public static func drops(_ byte: UInt8) -> Bool {
        replacement(for: byte, escapingQuotes: false) == .dropped
    }

    /// What becomes of `byte` in escaped text: nil when it stays as it is.
    @inlinable
    static func replacement(for byte: UInt8, escapingQuotes: Bool) -> EscapedByte? {
        // Most bytes are letters or UTF-8 above ASCII: one comparison for them.
        if byte > UInt8(ascii: ">"), byte != 0x7F { return nil }
        switch byte {
        case UInt8(ascii: "&"): return .ampersand
        case UInt8(ascii: "<"): return .lessThan
        case UInt8(ascii: ">"): return .greaterThan
        case UInt8(ascii: "\"") where escapingQuotes: return .quote
        case UInt8(ascii: "'") where escapingQuotes: return .apostrophe
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: return .dropped
        default: return nil
        }
    }

    /// A byte that escaped text does not keep as it is.
    @frozen
    public enum EscapedByte: Sendable {
        case ampersand, lessThan, greaterThan, quote, apostrophe
        /// A control character other than tab and line breaks: left out.
        case dropped

        /// What is written instead.
        @inlinable
        public var reference: StaticString {
            switch self {
            case .ampersand: "&amp;"
            case .lessThan: "&lt;"
            case .greaterThan: "&gt;"
            case .quote: "&quot;"
            case .apostrophe: "&#39;"
            case .dropped: ""
            }
        }
    }
}
