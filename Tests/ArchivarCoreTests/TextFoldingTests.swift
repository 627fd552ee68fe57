import ArchivarCore
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
