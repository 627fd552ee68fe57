@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// The analyzer's cache of analysed words (`WordCache`): a word met again, a full cache
/// emptied between texts, and texts longer than the cache give the tokens a fresh analyzer
/// gives.
@Suite struct WordCacheTests {
    private static let lexicon = Lexicon(words: ["Jugend", "Hilfe", "Planung", "Sport", "Halle", "Verkehr", "Stadt", "Teil"])

    /// Every token of `text` with its position flag and byte range, as FTS5 would get them.
    private func tokens(_ text: String, _ analyzer: GermanAnalyzer, for purpose: GermanAnalyzer.Purpose = .document) -> [String] {
        var result: [String] = []
        var text = text
        text.withUTF8 { bytes in
            analyzer.tokenize(bytes, for: purpose) { token, colocated, range in
                result.append("\(colocated ? "+" : "")\(String(decoding: token, as: UTF8.self))@\(range)")
                return true
            }
        }
        return result
    }

    private func freshAnalyzer() throws -> GermanAnalyzer { try #require(GermanAnalyzer(lexicon: { Self.lexicon })) }

    @Test func aWordMetAgainGivesTheTokensItGaveFirst() throws {
        let text = "Jugendhilfeplanung, Jugendhilfe-Planung und Jugendhilfeplanung; Sporthalle Sporthalle Stadtteil-Stadtteil"
        let analyzer = try freshAnalyzer()
        let first = tokens(text, analyzer)
        #expect(tokens(text, analyzer) == first)
        for purpose in [GermanAnalyzer.Purpose.query, .prefixQuery, .highlight] {
            // A query after documents finds the words cached with their document tokens.
            #expect(tokens(text, analyzer, for: purpose) == tokens(text, try freshAnalyzer(), for: purpose))
        }
        let words = text.split(separator: " ").map(String.init)
        let planung = tokens(words[0], try freshAnalyzer())
        #expect(Array(first.prefix(planung.count)) == planung)
    }

    @Test func aFullCacheIsEmptiedAndTheTokensStayTheSame() throws {
        // More distinct words than the cache keeps: it is emptied before the next text.
        let many = (0 ..< WordCache.wordLimit + 10).map { "Wort\($0)planung" }.joined(separator: " ")
        let analyzer = try freshAnalyzer()
        let long = tokens(many, analyzer)
        #expect(long.count > 2 * WordCache.wordLimit)
        let text = "Jugendhilfeplanung in der Sporthalle: Wort7planung, Wort50001planung"
        #expect(tokens(text, analyzer) == tokens(text, try freshAnalyzer()))
        #expect(tokens(many, analyzer) == long)
    }
}
