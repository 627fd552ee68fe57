@testable import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// The byte paths of slugs, match keys and person keys (`TextFolding.asciiSlug`) against the
/// general Unicode paths they stand in for: whatever text the byte path takes, it must give
/// what the general path gives, for every length limit.
@Suite struct FoldingFastPathTests {
    /// Texts drawn from ASCII, all of Latin-1, the punctuation the byte path knows, and what it
    /// must leave to the general path: combining marks, other scripts, ligatures, joiners.
    private static func texts(count: Int, seed: UInt64) -> [String] {
        let latin1 = (0xA0...0xFF).compactMap(Unicode.Scalar.init).map { String($0) }
        let ascii = ["a", "Z", "q", "0", "9", " ", "-", ".", ",", "'", "(", "\t", "\n", "/", "&"]
        let punctuation = ["–", "—", "„", "“", "”", "‚", "‘", "’", "…", "‹", "›", "€", "‐", "‑", "•", "⁞", "\u{2028}"]
        let others = ["\u{301}", "\u{308}", "\u{200D}", "\u{200B}", "ł", "ő", "ẞ", "İ", "ﬁ", "Ω", "д", "日", "🙂", "\u{AD}", "ǅ",
                      "\u{2060}", "₂", "Ⅻ", "ŉ"]
        let alphabet = ascii + ascii + latin1 + punctuation + others
        var random = SplitMix64(seed: seed)
        return random.texts(of: alphabet, count: count, minimumPieces: 1, maximumPieces: 32)
    }

    @Test func slugsByteForByteAsTheUnicodePathMakesThem() {
        var taken = 0
        for text in Self.texts(count: 20_000, seed: 3) {
            for maxLength in [1, 4, 80, 200] {
                guard let fast = TextFolding.asciiSlug(text, maxLength: maxLength) else { continue }
                taken += 1
                #expect(String(decoding: fast, as: UTF8.self) == TextFolding.unicodeSlug(text, maxLength: maxLength),
                        "\(text.unicodeScalars.map { String($0.value, radix: 16) }) max \(maxLength)")
            }
        }
        #expect(taken > 10_000, "the byte path should take many texts of this alphabet")
    }

    @Test func personKeyFoldingAsTheUnicodePathMakesIt() {
        for text in Self.texts(count: 20_000, seed: 5) where TextFolding.asciiSlug(text, maxLength: .max) != nil {
            #expect(PersonKey.fold(text) == PersonKey.unicodeFold(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func germanTitlesAndNamesTakeTheBytePath() {
        for text in ["Straße „Zur Mühle“ – Café Crème", "Graßhoff, Günther", "Hilse-Carstensen", "Jugendhilfeplanung 2024 — § 8a SGB VIII",
                     "François Müller-Lüdenscheidt"] {
            #expect(TextFolding.asciiSlug(text, maxLength: 200) != nil, "\(text)")
        }
        // Letters that stay non-ASCII, and combining marks, need the general path.
        for text in ["Ærø", "Łódź", "Cafe\u{301}", "Ελληνικά"] {
            #expect(TextFolding.asciiSlug(text, maxLength: 200) == nil, "\(text)")
        }
        #expect(TextFolding.matchKey("Straße „Zur Mühle“ – Café") == "strassezurmuehlecafe")
    }
}
