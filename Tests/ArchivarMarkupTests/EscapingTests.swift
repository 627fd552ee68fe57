import ArchivarHTML
import ArchivarMarkup
import ArchivarTestSupport
import Foundation
import Testing

/// Escaping looks at text eight bytes at a time: it must escape what a reading scalar by
/// scalar escapes, wherever in a word the characters fall, as strings and as bytes.
@Suite struct EscapingTests {
    static func escapedByDefinition(_ text: String, quotes: Bool) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "'" where quotes: result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: break
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    @Test func escapesWhatTheDefinitionEscapes() {
        let pieces = ["a", "Straße", "„", " ", "\t", "\n", "\r", "&", "<", ">", "\"", "'", "\u{1}", "\u{1F}", "\u{7F}", "\u{0}",
                      "😀", "e\u{301}", "0123456789", "&amp;"]
        var random = SplitMix64(seed: 17)
        for text in random.texts(of: pieces, count: 3000, maximumPieces: 63) {
            #expect(HTMLEscaping.escapeText(text) == Self.escapedByDefinition(text, quotes: false), "\(text.debugDescription)")
            var attribute = ""
            HTMLEscaping.appendAttribute(text, to: &attribute)
            #expect(attribute == Self.escapedByDefinition(text, quotes: true), "\(text.debugDescription)")
            var bytes: [UInt8] = []
            HTMLEscaping.appendAttribute(text, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == attribute)
        }
    }

    /// The sanitizer writes text nodes through the same escaping, as bytes.
    @Test func sanitizedTextIsEscapedTextInItsElement() {
        for text in ["a & b < c > d", "x\u{1}y\u{7F}z", String(repeating: "Straße & Weg ", count: 20)] {
            let html = HTMLSanitizer().sanitize("<p>" + HTMLEscaping.escapeText(text) + "</p>").markup
            #expect(html == "<p>" + Self.escapedByDefinition(text, quotes: false) + "</p>")
        }
    }
}
