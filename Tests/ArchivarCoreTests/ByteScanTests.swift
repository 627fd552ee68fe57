@testable import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// The scanners that look at text eight bytes at a time (`ByteWords`) must find what a
/// scalar-by-scalar reading finds, wherever in a word the bytes that matter fall.
@Suite struct ByteScanTests {
    /// Random texts of up to 60 scalars from pieces that matter to some scanner: white
    /// space of every width, characters to escape, combining marks, typographic punctuation.
    static func texts(count: Int, seed: UInt64) -> [String] {
        let pieces = ["a", "b", "Straße", "„", "“", "–", "€", " ", " ", "  ", "\t", "\n", "\r\n", "\u{A0}", "\u{85}", "\u{2003}",
                      "\u{3000}", "\u{200B}", "\u{2028}", "\u{1680}", "e\u{301}", "\u{338}", "Ω", "&", "<", ">", "\"", "\\", "'",
                      "\u{1}", "\u{1F}", "\u{7F}", "\u{8}", "\u{C}", "😀", "ü", "0123456789", "ä"]
        var random = SplitMix64(seed: seed)
        return random.texts(of: pieces, count: count, maximumPieces: 63)
    }

    @Test func cleanTextIsCleanByDefinition() {
        for text in Self.texts(count: 3000, seed: 5) {
            var builder = CleanText()
            builder.append(text)
            #expect(builder.text == TextFoldingTests.cleanByDefinition(text), "\(text.debugDescription)")
            #expect(TextFolding.clean(text) == TextFoldingTests.cleanByDefinition(text), "\(text.debugDescription)")
        }
    }

    @Test func surelyNFCOnlyForTextNFCLeavesAlone() {
        for text in Self.texts(count: 3000, seed: 6) where TextFolding.isSurelyNFC(text) {
            #expect(Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == Array(text.unicodeScalars), "\(text.debugDescription)")
            #expect(!text.unicodeScalars.contains { $0.properties.canonicalCombiningClass != .notReordered })
        }
    }

    @Test func canonicalJSONIsWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for text in Self.texts(count: 2000, seed: 7) {
            let value = JSONValue.object([text: .string(text), "id": .array([.string(text)])])
            #expect(value.canonicalText() == String(decoding: try encoder.encode(value), as: UTF8.self), "\(text.debugDescription)")
        }
    }

    /// `Record.writeJSON` writes what `json.canonicalText()` gives, without making `json`.
    @Test func recordWritesItsJSONAsItsJSONValueDoes() {
        for (index, text) in Self.texts(count: 300, seed: 8).enumerated() {
            var record = Record(id: "r\(index)", fields: ["title": .string(text), "zz": .number(Double(index)), "Id": .string(text)])
            record["id"] = .string("ignored")
            var written: [UInt8] = []
            record.writeJSON(to: &written)
            #expect(String(decoding: written, as: UTF8.self) == record.json.canonicalText())
        }
    }
}
