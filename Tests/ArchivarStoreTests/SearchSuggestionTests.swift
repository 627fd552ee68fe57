import ArchivarCore
@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// „Meinten Sie …?“ keeps the index vocabulary in memory between searches
/// (`SearchVocabulary`); these tests show that what it suggests still follows the
/// catalog as records arrive, and that the bounded edit distance it compares words with
/// is the optimal string alignment distance.
@Suite struct SearchSuggestionTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    init() throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
    }

    private func suggestion(_ text: String) throws -> String? {
        try catalog.search(SearchQuery(text: text, limit: 20)).suggestion
    }

    // MARK: The vocabulary follows the catalog

    @Test func aWordThatArrivesAfterASearchIsSuggestedNext() async throws {
        try await catalog.storeBooks(["r1": "Wohnen in Weimar", "r2": "Wege der Planung"])
        #expect(try suggestion("Wasserwirtschft") == nil)
        try await catalog.storeBooks(["r3": "Wasserwirtschaft in Thüringen"])
        #expect(try suggestion("Wasserwirtschft") == "Wasserwirtschaft")
    }

    @Test func recordCountsAreReadAgainWhenRecordsArrive() async throws {
        // A word the index knows from one record is corrected only to a word in more than two.
        try await catalog.storeBooks(["typo": "Hilfe für Flüchtlinhe", "r1": "Flüchtlinge in Erfurt", "r2": "Flüchtlinge in Jena"])
        #expect(try suggestion("Flüchtlinhe") == nil)
        try await catalog.storeBooks(["r3": "Flüchtlinge in Gera"])
        #expect(try suggestion("Flüchtlinhe") == "Flüchtlinge")
    }

    @Test func eachLetterIsReadOnItsOwnAndTermsOfOtherLettersAreNotOffered() async throws {
        try await catalog.storeBooks(["r1": "Planung in Thüringen", "r2": "Steuerung der Jugendhilfe"])
        #expect(try suggestion("Planug") == "Planung")
        #expect(try suggestion("Steurung") == "Steuerung")
        #expect(try suggestion("Thüringn") == "Thüringen")
        // The first letter is kept: `Klanung` is one letter from `Planung` but begins with K.
        #expect(try suggestion("Klanung") == nil)
    }

    @Test func aHyphenatedWordIsCorrectedAsTheWholeRecordsWrite() async throws {
        try await catalog.storeBooks(["r1": "Praxisforschung, hg. von Hilse-Carstensen", "r2": "Planung mit Hilse-Carstensen",
                                      "r3": "Kinder- und Jugendhilfe-Planung in Jena", "r4": "Jugendhilfe-Planung in Gera"])
        // A typo at the start of a piece: the piece alone has no near word with its first letter.
        #expect(try suggestion("Hilse-Karstensen") == "Hilse-Carstensen")
        #expect(try suggestion("Hilse-Carstensn") == "Hilse-Carstensen")
        #expect(try suggestion("Hilze-Carstensen Planung") == "Hilse-Carstensen Planung")
        #expect(try suggestion("Jugendhilfe-Planumg") == "Jugendhilfe-Planung")
        #expect(try suggestion("Hilse-Carstensen") == nil)
    }

    // MARK: Distance

    /// The full matrix of the optimal string alignment distance, as textbooks write it.
    private static func reference(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    @Test func boundedDistanceOfTyposIsTheirNumberOfEdits() {
        func distance(_ a: String, _ b: String, limit: Int = 2) -> Int? {
            BoundedEditDistance.distance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
        }
        #expect(distance("sozialplaung", "sozialplanung") == 1)
        #expect(distance("sozialplaung", "sozialplan") == 2)
        #expect(distance("fluchtlnige", "fluchtlinge") == 1)
        #expect(distance("jugenhilfeplanungg", "jugendhilfeplanung") == 2)
        #expect(distance("praventionskettten", "praventionsketten") == 1)
        #expect(distance("steurung", "steuerung") == 1)
        #expect(distance("steurung", "steuerung", limit: 0) == nil)
        #expect(distance("planung", "planung", limit: 0) == 0)
        #expect(distance("qwertzuiopu", "quartier") == nil)
        // An edited swap is not a swap any more: "ca" → "ac" → "abc" counts 3 here.
        #expect(distance("ca", "abc", limit: 3) == 3)
        #expect(distance("", "abc", limit: 3) == 3)
        #expect(distance("", "abc") == nil)
    }

    @Test func boundedDistanceAgreesWithTheFullMatrixWithinTheLimit() {
        // Words over a small alphabet, so that many pairs are close; fixed seed.
        var random = SplitMix64(seed: 5)
        func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &random) }
        let alphabet = Array("abcä".unicodeScalars)
        var compared = 0
        var close = 0
        for _ in 0..<6_000 {
            let a = (0..<next(9)).map { _ in alphabet[next(alphabet.count)] }
            var b = a
            // Up to five edits, so that the limit (0 to 3) is often exceeded.
            for _ in 0..<next(6) {
                switch next(4) {
                case 0 where !b.isEmpty: b.remove(at: next(b.count))
                case 1: b.insert(alphabet[next(alphabet.count)], at: next(b.count + 1))
                case 2 where b.count > 1:
                    let i = next(b.count - 1)
                    b.swapAt(i, i + 1)
                case _ where !b.isEmpty: b[next(b.count)] = alphabet[next(alphabet.count)]
                default: break
                }
            }
            let limit = next(4)
            let expected = Self.reference(a, b)
            let bounded = BoundedEditDistance.distance(a, b, limit: limit)
            #expect(bounded == (expected <= limit ? expected : nil), "\(String(String.UnicodeScalarView(a))) \(String(String.UnicodeScalarView(b))) limit \(limit)")
            compared += 1
            if expected <= limit { close += 1 }
        }
        // Both sides of the limit were tried often.
        #expect(close > 1_500 && compared - close > 1_500, "\(close) of \(compared) within the limit")
    }
}
