@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// The German analysis of the full-text index, word by word (without SQLite): folding,
/// stemming, compound parts and what each FTS5 purpose gets.
@Suite struct GermanAnalysisTests {
    /// The tokens of `text`, a `+` before each colocated one.
    private func tokens(_ text: String, for purpose: GermanAnalyzer.Purpose = .document,
                        lexicon: Lexicon = LexiconCache.lexicon(cachedIn: nil)) throws -> [String] {
        let analyzer = try #require(GermanAnalyzer(lexicon: { lexicon }))
        var result: [String] = []
        var text = text
        text.withUTF8 { bytes in
            analyzer.tokenize(bytes, for: purpose) { token, colocated, _ in
                result.append((colocated ? "+" : "") + String(decoding: token, as: UTF8.self))
                return true
            }
        }
        return result
    }

    private func parts(_ word: String, lexicon: Lexicon = LexiconCache.lexicon(cachedIn: nil)) -> [String] {
        Decompounder(lexicon: lexicon).parts(of: Array(GermanFolding.fold(word).utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func umlautsTheirDigraphsAndCapitalsFoldAlike() {
        for spelling in ["Thüringen", "Thueringen", "THÜRINGEN", "thu\u{308}ringen"] {
            #expect(GermanFolding.fold(spelling) == "thuringen", "\(spelling)")
        }
        #expect(GermanFolding.fold("Präventionsketten") == GermanFolding.fold("Praeventionsketten"))
        #expect(GermanFolding.fold("Straße") == "strasse")
        #expect(GermanFolding.fold("GROẞE") == "grosse")
        #expect(GermanFolding.fold("Café") == "cafe")
        #expect(GermanFolding.fold("ﬂexibel") == "flexibel")
    }

    @Test func digraphsAfterAVowelOrQStay() {
        // Lucene's rule: `ue` after a vowel or `q` is no umlaut.
        #expect(GermanFolding.fold("Steuerung") == "steuerung")
        #expect(GermanFolding.fold("Quelle") == "quelle")
        #expect(GermanFolding.fold("Bauer") == "bauer")
    }

    @Test func inflectionsShareAStem() throws {
        #expect(try tokens("Flüchtlinge", for: .query) == tokens("Flüchtling", for: .query))
        #expect(try tokens("Planungen", for: .query) == tokens("Planung", for: .query))
        #expect(try tokens("fluechtlinge", for: .query) == ["fluchtling"])
    }

    @Test func compoundsSplitIntoWholeDictionaryWords() {
        #expect(parts("Sporthalle") == ["sport", "halle"])
        #expect(parts("Jugendhilfeplanung") == ["jugendhilfe", "planung", "jugend", "hilfe"])
        #expect(parts("Verkehrsplanung") == ["verkehr", "planung"]) // linking s
        #expect(parts("Präventionsketten") == ["pravention", "ketten"])
        #expect(parts("Planung").isEmpty)
        #expect(parts("Steuerung").isEmpty)
    }

    @Test func noPartIsShorterThanThreeLettersEvenWhenTheDictionaryHasOne() {
        let lexicon = Lexicon(words: ["Sport", "Hall", "Halle", "E", "Sporthall"])
        #expect(parts("Sporthalle", lexicon: lexicon) == ["sport", "halle"])
        let tokenized = (try? tokens("Sporthalle", lexicon: lexicon)) ?? []
        #expect(tokenized.allSatisfy { $0.trimmingCharacters(in: ["+"]).count >= 3 }, "\(tokenized)")
        #expect(!tokenized.contains("+e"))
    }

    @Test func functionWordsAndAbbreviationsAreNoParts() {
        #expect(parts("Aufgabe").isEmpty)
        #expect(parts("Mitglied").isEmpty)
        #expect(parts("Dialog").isEmpty)
        #expect(parts("Referentinnen").isEmpty)
    }

    @Test func onlyCapitalizedWordsAreSplit() throws {
        #expect(try tokens("Jugendhilfeplanung").contains("+planung"))
        #expect(try !tokens("verbessern").contains("+verb"))
    }

    @Test func documentPositionHoldsStemTwiceUnstemmedFormAndPartStems() throws {
        #expect(try tokens("Jugendhilfeplanung") == ["jugendhilfeplan", "+jugendhilfeplan", "+jugendhilfeplanung",
                                                     "+jugendhilf", "+planung", "+jugend", "+hilf"])
        #expect(try tokens("Planung und Steuerung") == ["planung", "+planung", "und", "+und", "steuer", "+steuer", "+steuerung"])
    }

    @Test func hyphenatedNamesKeepTheirPiecesAndTheWhole() throws {
        let document = try tokens("Hilse-Carstensen")
        #expect(document.filter { !$0.hasPrefix("+") } == ["hils", "carstens"]) // two positions
        #expect(document.contains("+hilsecarstens"))
        #expect(try tokens("Hilse-Carstensen", for: .query) == ["hilsecarstens"])
        #expect(try tokens("Hilse-Carstensen", for: .highlight) == ["hils", "carstens"])
        #expect(try tokens("Kinder- und Jugendhilfe", for: .highlight) == ["kind", "und", "jugendhilf"])
    }

    @Test func prefixQueriesUseTheUnstemmedFoldedWord() throws {
        #expect(try tokens("Planungen", for: .prefixQuery) == ["planungen"])
        #expect(try tokens("Thüringe", for: .prefixQuery) == ["thuringe"])
        #expect(try tokens("Thüringen").contains("+thuringen"))
    }

    @Test func punctuationAndBrokenUTF8SeparateWords() throws {
        let broken: [UInt8] = Array("Planung".utf8) + [0xFF, 0xC3] + Array(" Stadt".utf8)
        let analyzer = try #require(GermanAnalyzer(lexicon: { Lexicon(words: []) }))
        var result: [String] = []
        broken.withUnsafeBufferPointer { bytes in
            analyzer.tokenize(bytes, for: .highlight) { token, _, _ in
                result.append(String(decoding: token, as: UTF8.self))
                return true
            }
        }
        #expect(result == ["planung", "stadt"])
        #expect(try tokens("„Planung“, (2024): Stadt!", for: .highlight) == ["planung", "2024", "stadt"])
    }

    @Test func lexiconCacheRoundTripsAndRejectsDamage() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("lexicon.cache")
        let lexicon = Lexicon(words: ["Sport", "Halle", "Planung"])
        try LexiconCache.write(lexicon, to: file, key: 42)
        let read = try #require(LexiconCache.read(file, key: 42))
        #expect(read.contains("halle") && read.contains("planung") && !read.contains("hall"))
        #expect(LexiconCache.read(file, key: 43) == nil)
        try Data("ARCHLEX1 damaged".utf8).write(to: file)
        #expect(LexiconCache.read(file, key: 42) == nil)
    }
}
