import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("  Straße\u{A0}\t„Zur Mühle“ –\r\n café  ", "Straße „Zur Mühle“ – café"),
        ("Cafe\u{301} und e\u{308}", "Café und ë"),
        ("\u{2003}Ω\u{2126}\u{2028}x", "ΩΩ x"),
        ("", ""),
    ])
    func cleanGivesNFCWithCollapsedSpace(text: String, expected: String) {
        let cleaned = TextFolding.clean(text)
        #expect(cleaned == expected)
        #expect(Array(cleaned.unicodeScalars) == Array(expected.precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    /// `clean` by its definition, scalar by scalar: NFC, then every run of
    /// `CharacterSet.whitespacesAndNewlines` one space, none at the ends.
    static func cleanByDefinition(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.unicodeScalars
            .split(whereSeparator: CharacterSet.whitespacesAndNewlines.contains)
            .map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
    }

    @Test func cleanKnowsEveryKindOfWhiteSpaceAndNoOther() {
        let spaces = (0...0x3000).compactMap(Unicode.Scalar.init).filter(CharacterSet.whitespacesAndNewlines.contains)
        #expect(spaces.count == 26)
        // Scalars whose UTF-8 shares its first bytes with a white-space scalar.
        let lookalikes: [Unicode.Scalar] = ["\u{84}", "\u{A1}", "\u{1681}", "\u{200C}", "\u{2027}", "\u{202E}", "\u{2060}",
                                            "\u{205E}", "\u{3001}", "ä"]
        for scalar in spaces + lookalikes {
            for text in ["a\(scalar)b", "\(scalar)a", "a\(scalar)", "a \(scalar) b", "\(scalar)", "ä\(scalar)\(scalar)ö"] {
                #expect(TextFolding.clean(text) == Self.cleanByDefinition(text), "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func cleanTextBuiltPieceByPieceIsTheCleanWhole() {
        let pieces = ["  Straße", "\u{A0}„Zur", " Mühle“ ", "", "\t", "Cafe", "\u{301} und e", "\u{308}", "\u{2003}Ω", "\u{2126}",
                      "\u{2028}x ", "a\u{200B}b", "\u{2000}", "ende\n"]
        var random = SplitMix64(seed: 11)
        for _ in 0..<300 {
            var builder = CleanText()
            var whole = ""
            for _ in 0..<6 {
                let piece = pieces.randomElement(using: &random)!
                if Bool.random(using: &random) {
                    builder.appendSpace()
                    whole += " "
                }
                builder.append(piece)
                whole += piece
            }
            #expect(builder.text == TextFolding.clean(whole), "\(whole.debugDescription)")
        }
    }

    @Test(arguments: [
        ("  eins zwei\u{A0}drei vier ", 3, "eins zwei drei …"),
        ("eins zwei drei", 3, "eins zwei drei"),
        ("„Zitat“ – eins, zwei € drei", 4, "„Zitat“ – eins, zwei …"),
        // A combining mark after a space joins it into one character: no word ends there.
        ("eins \u{301}zwei drei", 1, "eins \u{301}zwei …"),
        ("", 2, ""),
    ])
    func firstWordsCutsAfterCountWords(text: String, count: Int, expected: String) {
        #expect(TextFolding.firstWords(text, count: count) == expected)
    }

    @Test(arguments: [
        ("Straße „Zur Mühle“ – Café Ørsted", "strasse-zur-muehle-cafe-rsted"),
        ("ÄÖÜ äöü ß 100 €", "aeoeue-aeoeue-ss-100"),
        ("Cafe\u{301} Crème brûlée", "cafe-creme-brulee"),
    ])
    func slugTransliteratesGermanAndDropsMarks(text: String, expected: String) {
        #expect(TextFolding.slug(text) == expected)
    }

    @Test func slugStopsAtMaxLength() {
        #expect(TextFolding.slug("Ab-cd ef", maxLength: 4) == "ab-c")
        #expect(TextFolding.matchKey("Über die Brücke") == "ueberdiebruecke")
    }
}
