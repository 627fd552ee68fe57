import ArchivarCore
@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// The catalog's full-text index with the German tokenizer, on real SQLite: records go in
/// through `Catalog.upsert` (indexed when their transaction commits), FTS5 queries come out ranked by bm25.
@Suite struct GermanSearchIndexTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    init() throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
    }

    /// Ids of the records matching an FTS5 expression, best bm25 first.
    private func matches(_ expression: String) throws -> [String] {
        try catalog.withReader { connection in
            var ids: [String] = []
            try connection.run("""
                SELECT r.id FROM records_fts JOIN records r ON r.rowid = records_fts.rowid
                WHERE records_fts MATCH ?1 ORDER BY bm25(records_fts), r.id
                """, [.text(expression)]) { ids.append($0.text(0) ?? "") }
            return ids
        }
    }

    @Test func umlautSpellingsAndCapitalsFindEachOther() async throws {
        try await catalog.storeBooks(["umlaut": "Jugendhilfeplanung in Thüringen", "digraph": "Sozialplanung in Thueringen",
                                      "capitals": "THÜRINGEN", "prevention": "Präventionsketten in Sachsen",
                                      "seed": "Praeventionsketten im Landkreis"])
        for query in ["Thüringen", "Thueringen", "THÜRINGEN", "thuringen"] {
            #expect(try matches("\"\(query)\"").sorted() == ["capitals", "digraph", "umlaut"], "\(query)")
        }
        #expect(try matches("\"Praeventionsketten\"").sorted() == ["prevention", "seed"])
        #expect(try matches("\"Präventionsketten\"").sorted() == ["prevention", "seed"])
    }

    @Test func inflectedFormsFindEachOther() async throws {
        try await catalog.storeBooks(["refugees": "Unbegleitete minderjährige Flüchtlinge", "plans": "Planungen im Quartier"])
        #expect(try matches("\"Flüchtling\"") == ["refugees"])
        #expect(try matches("\"Planung\"") == ["plans"])
    }

    @Test func aWordFindsCompoundsButTheWholeWordRanksFirst() async throws {
        // Titles of comparable length: BM25's length normalization still favours much shorter ones.
        try await catalog.storeBooks(["compound": "Jugendhilfeplanung in Thüringen", "handbook": "Handbuch Kommunale Planung und Steuerung",
                                      "sport": "Sporthalle am Markt"])
        #expect(try matches("\"Planung\"") == ["handbook", "compound"])
        #expect(try matches("\"Jugendhilfe\"") == ["compound"])
        #expect(try matches("\"Halle\"") == ["sport"])
        #expect(try matches("\"Jugendhilfeplanungen\"") == ["compound"])
    }

    @Test func compoundPartsNeverShorterThanThreeLetters() async throws {
        try await catalog.storeBooks(["sport": "Sporthalle"])
        let terms = try catalog.withWriter { connection in
            try connection.execute("CREATE VIRTUAL TABLE temp.records_terms USING fts5vocab(main, records_fts, row)")
            var terms: [String] = []
            try connection.run("SELECT term FROM temp.records_terms") { terms.append($0.text(0) ?? "") }
            return terms
        }
        #expect(Set(terms) == ["sporthall", "sporthalle", "sport", "hall"])
        #expect(try matches("\"e\"").isEmpty)
    }

    @Test func hyphenatedNamesAreFoundWholeAndByEachPart() async throws {
        try await catalog.storeBooks(["hilse": "Sozialplanung in der Praxis", "other": "Carstensen über Hilse"],
                                     authors: ["hilse": [Name(family: "Hilse-Carstensen", given: "Ute")]])
        #expect(try matches("\"Hilse-Carstensen\"") == ["hilse"])
        #expect(try matches("\"Hilse\"").sorted() == ["hilse", "other"])
        #expect(try matches("\"Carstensen\"").sorted() == ["hilse", "other"])
        #expect(try matches("\"Hilse Carstensen\"") == ["hilse"])
    }

    @Test func phrasesWithStopWordsMatch() async throws {
        try await catalog.storeBooks(["handbook": "Handbuch Kommunale Planung und Steuerung", "reverse": "Steuerung und Planung"])
        #expect(try matches("\"Planung und Steuerung\"") == ["handbook"])
        #expect(try matches("\"kommunale Planung\"") == ["handbook"])
    }

    @Test func prefixQueriesMatchTheWordsAsWritten() async throws {
        try await catalog.storeBooks(["plans": "Planungen im Quartier", "planner": "Der Planer", "compound": "Jugendhilfeplanung",
                                      "thuringia": "Thüringen", "other": "Steuerung"])
        #expect(try matches("plan*").sorted() == ["compound", "planner", "plans"])
        #expect(try matches("\"planungen\"*") == ["plans"])
        #expect(try matches("\"Thüringe\"*") == ["thuringia"])
    }

    @Test func indexStaysSoundThroughUpdatesAndWithdrawals() async throws {
        try await catalog.storeBooks(["a": "Jugendhilfeplanung in Thüringen", "b": "Hilse-Carstensen: Sporthalle"])
        try await catalog.storeBooks(["a": "Sozialplanung in Sachsen", "b": "Präventionsketten"])
        _ = try catalog.withdraw(RecordOrigin(source: "test", itemID: "b"))
        try catalog.withWriter { connection in
            try connection.execute("INSERT INTO records_fts(records_fts, rank) VALUES ('integrity-check', 1)")
        }
        #expect(try matches("\"Thüringen\"").isEmpty)
        #expect(try matches("\"Planung\"") == ["a"])
        #expect(try matches("\"Präventionsketten\"").isEmpty)
    }

    @Test func changedAnalysisRebuildsTheIndexOnStart() async throws {
        try await catalog.storeBooks(["a": "Jugendhilfeplanung in Thüringen"])
        try catalog.withWriter { connection in
            try connection.execute("""
                INSERT INTO records_fts(records_fts) VALUES ('delete-all');
                UPDATE search_analysis SET identity = 'an older analysis';
                """)
        }
        #expect(try matches("\"Thüringen\"").isEmpty)
        let reopened = try Catalog(file: catalog.file)
        let ids = try reopened.withReader { connection in
            try connection.text("SELECT r.id FROM records_fts JOIN records r ON r.rowid = records_fts.rowid WHERE records_fts MATCH '\"Planung\"'")
        }
        #expect(ids == "a")
        #expect(try reopened.withReader { try $0.text("SELECT identity FROM search_analysis") } == SearchAnalysis.identity)
    }

    @Test func catalogFromBeforeTheGermanIndexIsUpgraded() throws {
        let file = directory.file("old/archivar.sqlite")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            let old = try Connection(file: file)
            for sql in Migrations.all.prefix(5) { try old.execute(sql) }
            try old.execute("""
                PRAGMA user_version = 5;
                INSERT INTO records(id, kind, type, sort_date, hash, json, title, creators, body)
                VALUES ('old', 'publication', 'book', '2019', 'h', '{"id":"old","title":"Jugendhilfeplanung in Thüringen"}',
                        'Jugendhilfeplanung in Thüringen', '', '');
                """)
        }
        let upgraded = try Catalog(file: file)
        let ids = try upgraded.withReader { connection in
            try connection.text("SELECT r.id FROM records_fts JOIN records r ON r.rowid = records_fts.rowid WHERE records_fts MATCH '\"Thueringen\" \"Planung\"'")
        }
        #expect(ids == "old")
    }

    @Test func catalogSearchFindsCompoundsAndPhrases() async throws {
        try await catalog.storeBooks(["compound": "Jugendhilfeplanung in Thüringen", "handbook": "Handbuch Kommunale Planung und Steuerung"])
        #expect(try catalog.search(SearchQuery(text: "Planung")).hits.map(\.id) == ["handbook", "compound"])
        #expect(try catalog.search(SearchQuery(text: "\"Planung und Steuerung\"")).hits.map(\.id) == ["handbook"])
        #expect(try catalog.search(SearchQuery(text: "Thueringen")).hits.map(\.id) == ["compound"])
    }
}
