import ArchivarCore
@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// `archivar_rank` must score exactly as FTS5's own weighted `bm25()`, which it replaces
/// for speed, over every kind of expression a query compiles to, with the rows' lengths
/// from memory and without them.
@Suite struct RankFunctionTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    init() async throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
        let phrases = [
            "Jugendhilfeplanung in Thüringen", "Kommunale Planung und Steuerung", "Frühe Hilfen im Landkreis",
            "Sozialplanung für die Stadt Erfurt", "Präventionsketten und Planung", "Jugendarbeit im ländlichen Raum",
            "Planung, Planung und nochmals Planung", "Bericht zur Altenhilfeplanung",
        ]
        let catalog = catalog
        try await catalog.transaction {
            for index in 0 ..< 40 {
                var record = Record(id: "r\(index)")
                record.type = "report"
                record.title = phrases[index % phrases.count] + (index % 3 == 0 ? " \(index)" : "")
                record.authors = [Name(family: index % 2 == 0 ? "Fischer" : "Grasshoff", given: "Jörg")]
                record.abstract = index % 4 == 0 ? nil : String(repeating: phrases[(index + 3) % phrases.count] + ". ", count: 1 + index % 5)
                record.content = "<p>" + String(repeating: "Die Kommune plant. ", count: index % 7) + phrases[(index * 5) % phrases.count] + "</p>"
                record.issued = IssuedDate(year: 2000 + index % 25)
                _ = try catalog.upsert(record, origin: RecordOrigin(source: "test", itemID: record.id))
            }
        }
    }

    /// Each matching row's `bm25()` and `archivar_rank` with the search weights.
    private func scores(_ match: String) throws -> [(bm25: Double, rank: Double)] {
        let weights = SearchRanking.weights
        let arguments = "records_fts, \(weights.title), \(weights.creators), \(weights.abstract), \(weights.body)"
        return try catalog.withReader { connection in
            var scores: [(bm25: Double, rank: Double)] = []
            try connection.run("SELECT bm25(\(arguments)), \(RankFunction.name)(\(arguments)) FROM records_fts WHERE records_fts MATCH ?",
                               [.text(match)]) { row in
                scores.append((row.double(0) ?? .nan, row.double(1) ?? .nan))
            }
            return scores
        }
    }

    private static let expressions = [
        "\"planung\"", "\"planung\" AND \"thuringen\"", "\"kommunal planung\"", "\"jugend\" *", "(\"fruh\" OR \"sozialplanung\")",
        "title : \"planung\"", "\"planung\" NOT \"jugendhilfeplanung\"", "creators : \"grasshoff\" AND \"bericht\"",
    ]

    @Test(arguments: expressions)
    func scoresEqualBM25WithLengthsInMemory(_ match: String) throws {
        _ = try catalog.search(SearchQuery(text: "Planung", limit: 1, offset: 0)) // reads the lengths
        let scores = try scores(match)
        #expect(!scores.isEmpty)
        for score in scores {
            #expect(abs(score.bm25 - score.rank) < 1e-9 * max(1, abs(score.bm25)), "\(match): \(score)")
        }
    }

    /// A one-word or one-prefix search leaves the IDF out of the rank and applies it after
    /// counting; its hits' scores must be those with the IDF inside.
    @Test(arguments: [("Planung", "\"planung\""), ("Jugend*", "\"jugend\" *"), ("title:Planung", "title : \"planung\"")])
    func aOnePhraseSearchScoresAsWithTheIDFInTheRank(_ query: String, _ match: String) throws {
        let results = try catalog.search(SearchQuery(text: query, limit: 100, offset: 0))
        #expect(results.total > 3)
        let ranking = SearchRanking(QueryCompiler.compile(.text(QueryText(text: "Planung"))))
        let weights = SearchRanking.weights
        let expected = try catalog.withReader { connection in
            var scores: [String: Double] = [:]
            try connection.run("""
                SELECT r.id, r.year, \(RankFunction.name)(records_fts, \(weights.title), \(weights.creators), \(weights.abstract), \(weights.body))
                FROM records_fts JOIN records r ON r.rowid = records_fts.rowid WHERE records_fts MATCH ?
                """, [.text(match)]) { row in
                scores[row.text(0) ?? ""] = ranking.score(bm25: row.double(2) ?? .nan, year: row.int(1) ?? 0)
            }
            return scores
        }
        #expect(expected.count == results.total)
        for hit in results.hits {
            let score = try #require(expected[hit.id])
            #expect(abs(hit.score - score) < 1e-9 * max(1, abs(score)), "\(query) \(hit.id)")
        }
    }

    @Test func scoresEqualBM25WhenLengthsAreNotLoaded() throws {
        let scores = try scores("\"planung\" AND \"kommune\"")
        #expect(!scores.isEmpty)
        for score in scores {
            #expect(abs(score.bm25 - score.rank) < 1e-9 * max(1, abs(score.bm25)))
        }
    }

    @Test func rowsAddedAfterTheLengthsWereReadAreScoredToo() async throws {
        _ = try catalog.search(SearchQuery(text: "Planung", limit: 1, offset: 0))
        let before = try scores("\"planung\"").count
        let catalog = catalog
        try await catalog.transaction {
            var record = Record(id: "late")
            record.type = "book"
            record.title = "Planung in der Praxis"
            _ = try catalog.upsert(record, origin: RecordOrigin(source: "test", itemID: "late"))
        }
        let scores = try scores("\"planung\"")
        #expect(scores.count == before + 1)
        for score in scores {
            #expect(abs(score.bm25 - score.rank) < 1e-9 * max(1, abs(score.bm25)))
        }
    }
}
