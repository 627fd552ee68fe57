import ArchivarCore
@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// What the compiler hands to SQLite, and that nothing a visitor types makes SQLite fail.
@Suite struct QueryCompilerTests {
    private func compiled(_ text: String) throws -> CompiledQuery {
        QueryCompiler.compile(try #require(QueryParser.parse(text).tree))
    }

    @Test func everyTermIsAnFTS5StringWithColumnAndStar() {
        #expect(QueryCompiler.expression(QueryText(text: "Planung")) == "\"Planung\"")
        #expect(QueryCompiler.expression(QueryText(text: "say \"no\"")) == "\"say \"\"no\"\"\"")
        #expect(QueryCompiler.expression(QueryText(text: "Plan", isPrefix: true, field: .title)) == "title : \"Plan\" *")
        #expect(QueryCompiler.expression(QueryText(text: "Hilse-Carstensen", field: .author)) == "creators : \"Hilse-Carstensen\"")
        #expect(QueryCompiler.expression(QueryText(text: "NEAR(a b)")) == "\"NEAR(a b)\"")
    }

    @Test func textCompilesToOneMatchWithNotAfterAPositiveOperand() throws {
        let plain = try compiled("Planung \"kommunale Steuerung\" -Bericht -(Praxis OR title:Heft)")
        #expect(plain.match == "(\"Planung\" AND \"kommunale Steuerung\") NOT (\"Bericht\" OR (\"Praxis\" OR title : \"Heft\"))")
        #expect(plain.conditions.isEmpty)
        #expect(try compiled("a OR b c").match == "(\"a\" OR (\"b\" AND \"c\"))")
    }

    @Test func filtersAreBoundParametersNotText() throws {
        let query = try compiled("type:\"book'; DROP TABLE records; --\" year:2019..2022")
        #expect(query.match == nil)
        #expect(query.conditions.map(\.sql) == ["r.type = ? COLLATE NOCASE", "(r.year IS NOT NULL AND r.year BETWEEN ? AND ?)"])
        #expect(!query.scope().sql.contains("DROP"))
        #expect(query.scope().sql == "FROM records r WHERE (r.type = ? COLLATE NOCASE AND (r.year IS NOT NULL AND r.year BETWEEN ? AND ?))")
        #expect(query.scope().values.count == 3)
    }

    @Test func exclusionWithoutPositiveTextGoesToSQL() throws {
        let query = try compiled("type:book -Bericht")
        #expect(query.match == nil)
        #expect(query.conditions.map(\.sql) == [
            "r.type = ? COLLATE NOCASE",
            "NOT (r.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?))",
        ])
    }

    @Test func orMixingTextAndFiltersBecomesOneCondition() throws {
        let query = try compiled("Planung OR type:book")
        #expect(query.match == nil)
        #expect(query.conditions.map(\.sql) == [
            "(r.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?) OR r.type = ? COLLATE NOCASE)",
        ])
    }

    @Test func countWithoutFiltersReadsTheIndexOnly() throws {
        let query = try compiled("Planung")
        #expect(query.scope().sql == "FROM records_fts WHERE records_fts MATCH ?")
    }

    // MARK: Hostile input against a real catalog

    private func catalogWithOneRecord() async throws -> (TemporaryDirectory, Catalog) {
        let directory = try TemporaryDirectory()
        let catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
        var record = Record(id: "fischer2022handbuch")
        record.type = "book"
        record.title = "Handbuch Kommunale Planung und Steuerung"
        record.editors = [Name(family: "Fischer", given: "Jörg")]
        record.issued = IssuedDate(year: 2022)
        try await catalog.transaction {
            _ = try catalog.upsert(record, origin: RecordOrigin(source: "test", itemID: record.id))
        }
        return (directory, catalog)
    }

    static let hostile = [
        "\"", "\"\"\"", "*", "**", "Plan**", "*Plan", "NEAR(", "NEAR(Planung Steuerung, 2)", "^Planung", "Planung^",
        ":", "::", "title:", "title::", ":Planung", "title:*", "AND", "OR", "NOT", "AND OR NOT", "Planung AND",
        "col:Planung", "records_fts:Planung", "{title}:Planung", "{title body} : Planung", "title:{Planung}",
        "'", "'; DROP TABLE records; --", "Planung' OR '1'='1", "\"; DELETE FROM records; --", "\u{0}",
        "Plan\u{0}ung", "\"Plan\u{0}ung\"", "title:\"a\u{0}\"", "\u{2}Planung\u{3}", "+Planung", "Planung -", "- -",
        "(", ")", ")(", "(()", "-()", "NOT ()", "year:", "year:-", "year:..", "year:9999999999999999999999",
        "year:-2019", "type:", "type:\"\"", "source:(", "kind:)", "author:-", "title:(OR)", "\\", "\\\"", "%", "_",
        "?", "?1", "$a", "@a", ";", "--", "/*", "*/", "[Planung]", "`Planung`", "Planung\"Steuerung\"\"",
    ]

    @Test func hostileQueriesNeverMakeSQLiteFail() async throws {
        let (directory, catalog) = try await catalogWithOneRecord()
        defer { withExtendedLifetime(directory) {} }
        for text in Self.hostile {
            let results = try catalog.search(SearchQuery(text: text))
            #expect(results.total >= 0, "\(text)")
        }
        // Words, not FTS5 syntax: the word NEAR must occur, `^` is punctuation.
        #expect(try catalog.search(SearchQuery(text: "NEAR(Planung Steuerung, 2)")).total == 0)
        #expect(try catalog.search(SearchQuery(text: "^Planung")).total == 1)
        #expect(try catalog.recordCount() == 1)
    }

    @Test func tenKilobytesOfAnythingNeverMakeSQLiteFail() async throws {
        let (directory, catalog) = try await catalogWithOneRecord()
        defer { withExtendedLifetime(directory) {} }
        let long = [
            String(repeating: "Planung ", count: 1300),
            String(repeating: "(", count: 10_000),
            String(repeating: "\"a\" OR ", count: 1500),
            String(repeating: "-", count: 10_000) + "Planung",
            String(repeating: "NOT ", count: 2500) + "Planung",
            String(repeating: "Planung OR ", count: 1000),
            String(repeating: "year:2019 OR ", count: 800),
            String(repeating: "x", count: 10_000),
            String(repeating: "\u{0}", count: 10_000),
        ]
        for text in long {
            let results = try catalog.search(SearchQuery(text: text))
            #expect(results.total >= 0)
        }
        #expect(try catalog.search(SearchQuery(text: long[0])).total == 1)
        #expect(try catalog.search(SearchQuery(text: long[0])).message == "Die Suche ist zu lang; berücksichtigt wurden die ersten 64 Begriffe.")
    }

    /// Thousands of queries assembled from the query language's pieces and SQL's, in a
    /// fixed pseudo-random order (the same every run).
    @Test func randomQueriesFromHostilePiecesNeverMakeSQLiteFail() async throws {
        let (directory, catalog) = try await catalogWithOneRecord()
        defer { withExtendedLifetime(directory) {} }
        let pieces = Self.hostile + [" ", " ", " ", "Planung", "Fischer", "-", "(", ")", "\"", "*", "OR", "year:2022",
                                     "type:book", "title:", "author:", "kind:", "source:", "..", "2019", "„", "“"]
        var generator = SplitMix64(seed: 2024)
        for _ in 0..<3000 {
            let count = Int(generator.next() % 8) + 1
            let text = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
                .joined(separator: generator.next() % 2 == 0 ? " " : "")
            do {
                _ = try catalog.search(SearchQuery(text: text))
            } catch {
                Issue.record("\(text.debugDescription): \(error)")
            }
        }
    }
}
