import ArchivarCore
@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// `Catalog.search` tests a query's top-level filters (alone or in an `OR` with words) on
/// `CatalogDigest` in memory, and only the rest in SQL. Whatever the query, it must find
/// exactly the records the whole query compiled to SQL finds.
@Suite struct DigestConditionTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    init() async throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
        let words = ["Planung", "Thüringen", "Jugendhilfe", "Erfurt", "Steuerung", "Kommune", "2019", "Bericht"]
        let types = ["book", "report", "article-journal", "webpage"]
        let kinds = [RecordKind.publication, RecordKind.press, RecordKind.partner]
        let sources: [String?] = ["ikpe-news", "inso", nil, "Kommune360"]
        var generator = SplitMix64(seed: 7)
        let catalog = catalog
        try await catalog.transaction {
            for index in 0 ..< 80 {
                var record = Record(id: "r\(index)")
                record.type = types[Int(generator.next() % 4)]
                record.kind = kinds[Int(generator.next() % 3)]
                record.source = sources[Int(generator.next() % 4)]
                record.title = (0 ..< 3).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
                if generator.next() % 5 != 0 {
                    record.issued = IssuedDate(year: 2015 + Int(generator.next() % 10))
                } else {
                    record.published = "undatiert"
                }
                _ = try catalog.upsert(record, origin: RecordOrigin(source: record.source ?? "test", itemID: record.id))
            }
        }
    }

    /// The ids the whole query, compiled to SQL, finds.
    private func idsBySQL(_ text: String) throws -> Set<String>? {
        guard let tree = QueryParser.parse(text).tree?.withBareYears, !tree.onlyExcludes else { return nil }
        let scope = QueryCompiler.compile(tree).scope()
        let rowid = scope.sql.hasPrefix("FROM records_fts WHERE") ? "records_fts.rowid" : "r.rowid"
        return try catalog.withReader { connection in
            var ids: Set<String> = []
            try connection.run("SELECT (SELECT id FROM records WHERE rowid = \(rowid)) " + scope.sql, scope.values) { row in
                ids.insert(row.text(0) ?? "")
            }
            return ids
        }
    }

    @Test func searchFindsWhatTheWholeQueryInSQLFinds() throws {
        let pieces = ["Planung", "Erfurt", "Thüringen", "type:book", "type:REPORT", "kind:press", "source:inso",
                      "source:kommune360", "year:2019", "year:2017..2020", "year:..2016", "year:2022..", "2019", "2021",
                      "OR", "OR", "-", "(", ")", "type:(book OR webpage)", "-type:book", "-year:2019"]
        var generator = SplitMix64(seed: 11)
        var compared = 0
        for _ in 0 ..< 600 {
            let count = Int(generator.next() % 5) + 1
            let text = (0 ..< count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined(separator: " ")
            guard let expected = try idsBySQL(text) else { continue }
            let results = try catalog.search(SearchQuery(text: text, limit: 100, offset: 0))
            #expect(Set(results.hits.map(\.id)) == expected, "\(text)")
            #expect(results.total == expected.count, "\(text)")
            compared += 1
        }
        #expect(compared > 300)
    }
}
