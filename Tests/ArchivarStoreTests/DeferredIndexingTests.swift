import ArchivarCore
@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// New records are indexed once per transaction, just before it commits
/// (`DeferredIndexing`): whatever happens to a record inside the transaction, the index
/// holds its final state, passes FTS5's integrity check, and a rollback leaves it as it was.
@Suite struct DeferredIndexingTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    init() throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
    }

    private struct Interrupted: Error {}

    private static func book(_ id: String, _ title: String, isbn: String? = nil) -> Record {
        var record = Record(id: id)
        record.type = "book"
        record.kind = RecordKind.publication
        record.title = title
        record.authors = [Name(family: "Fischer", given: "Jörg")]
        record.issued = IssuedDate(year: 2020)
        if let isbn { record.isbn = isbn }
        return record
    }

    private func upsert(_ id: String, _ title: String) throws {
        _ = try catalog.upsert(Self.book(id, title), origin: RecordOrigin(source: "test", itemID: id))
    }

    /// The ids of the committed records whose indexed text matches the word, as searches see them.
    private func found(_ word: String) throws -> [String] {
        try catalog.withReader { connection in
            var ids: [String] = []
            try connection.run("""
                SELECT r.id FROM records_fts JOIN records r ON r.rowid = records_fts.rowid
                WHERE records_fts MATCH ?1 ORDER BY r.id
                """, [.text("\"\(word)\"")]) { ids.append($0.text(0) ?? "") }
            return ids
        }
    }

    /// FTS5's own check that the index holds exactly the terms of the rows in `records`.
    /// Spec: https://sqlite.org/fts5.html#the_integrity_check_command
    private func indexIsSound() throws {
        try catalog.withWriter { connection in
            try connection.execute("INSERT INTO records_fts(records_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    private func unindexedCount() throws -> Int? {
        try catalog.withWriter { try $0.integer("SELECT count(*) FROM temp.unindexed_records") }
    }

    @Test func recordsOfATransactionAreFoundOnceItCommits() async throws {
        try await catalog.transaction {
            try upsert("hall", "Die Sporthalle am Markt")
            try upsert("water", "Wasserwirtschaft in Thüringen")
            #expect(try found("Sporthalle").isEmpty, "nothing is committed yet")
            #expect(try unindexedCount() == 2)
        }
        #expect(try found("Sporthalle") == ["hall"])
        #expect(try found("Thüringen") == ["water"])
        #expect(try catalog.search(SearchQuery(text: "Wasserwirtschaft")).hits.map(\.id) == ["water"])
        #expect(try unindexedCount() == 0)
        try indexIsSound()
    }

    @Test func aRecordStoredOutsideATransactionIsFoundAtOnce() throws {
        try upsert("hall", "Die Sporthalle am Markt")
        #expect(try found("Sporthalle") == ["hall"])
        try indexIsSound()
    }

    @Test func aRecordUpdatedInItsOwnTransactionIsFoundByItsLastText() async throws {
        try await catalog.transaction {
            try upsert("other", "Quartiersarbeit in Erfurt")
            try upsert("hall", "Die Sporthalle am Markt")
            try upsert("hall", "Wasserwirtschaft in Thüringen")
            try upsert("late", "Präventionsketten im Landkreis")
        }
        #expect(try found("Sporthalle").isEmpty)
        #expect(try found("Wasserwirtschaft") == ["hall"])
        #expect(try found("Quartiersarbeit") == ["other"])
        #expect(try found("Präventionsketten") == ["late"])
        try indexIsSound()
    }

    @Test func aRecordWithdrawnOrRemovedInItsOwnTransactionIsNotFound() async throws {
        try upsert("kept", "Sporthalle in Gotha")
        try await catalog.transaction {
            try upsert("withdrawn", "Die Sporthalle am Markt")
            try upsert("removed", "Sporthalle und Schwimmbad")
            try upsert("new", "Wasserwirtschaft in Thüringen")
            #expect(try catalog.withdraw(RecordOrigin(source: "test", itemID: "withdrawn")))
            #expect(try catalog.remove("removed") != nil)
        }
        #expect(try found("Sporthalle") == ["kept"])
        #expect(try found("Wasserwirtschaft") == ["new"])
        try indexIsSound()
    }

    @Test func recordsMergedInTheirOwnTransactionAreFoundAsTheSurvivor() async throws {
        try await catalog.transaction {
            // As a harvest stores a feed's duplicate: the second delivery proposed for the first.
            _ = try catalog.store(Self.book("first", "Jugendhilfeplanung in Thüringen", isbn: "3-7799-3377-2"),
                                  origin: RecordOrigin(source: "eins", itemID: "first"))
            var duplicate = Self.book("second", "Jugendhilfeplanung in Thüringen", isbn: "3-7799-3377-2")
            duplicate.publisher = "Beltz"
            duplicate.mergeProposal = MergeProposal(survivor: "first", rule: .isbn)
            _ = try catalog.store(duplicate, origin: RecordOrigin(source: "zwei", itemID: "second"))
            // And a librarian's merge of two records of the same transaction.
            try upsert("hall", "Die Sporthalle am Markt")
            try upsert("hall-copy", "Sporthalle am Markt, Neubau")
            _ = try catalog.merge("hall-copy", into: "hall")
        }
        #expect(try found("Jugendhilfeplanung") == ["first"])
        #expect(try found("Beltz") == ["first"], "the merged record's publisher is in the survivor's body")
        #expect(try found("Sporthalle") == ["hall"])
        #expect(try catalog.recordCount() == 2)
        try indexIsSound()

        let restored = try await catalog.transaction { try catalog.unmerge("hall-copy", from: "hall") }
        #expect(try found("Neubau") == [restored])
        try indexIsSound()
    }

    @Test func aFailedTransactionLeavesTheIndexAsItWas() async throws {
        try upsert("old", "Die Sporthalle am Markt")
        await #expect(throws: Interrupted.self) {
            try await catalog.transaction {
                try upsert("new", "Wasserwirtschaft in Thüringen")
                try upsert("new", "Wasserwirtschaft in Sachsen")
                try upsert("old", "Quartiersarbeit in Erfurt")
                throw Interrupted()
            }
        }
        #expect(try unindexedCount() == 0)
        #expect(try found("Wasserwirtschaft").isEmpty)
        #expect(try found("Quartiersarbeit").isEmpty)
        #expect(try found("Sporthalle") == ["old"])
        try indexIsSound()
        // The next transaction's new record takes the rolled-back row's rowid and is indexed.
        try await catalog.transaction { try upsert("next", "Präventionsketten im Landkreis") }
        #expect(try found("Präventionsketten") == ["next"])
        try indexIsSound()
    }

    @Test func aFailedStepInsideATransactionKeepsTheEarlierRecordsPending() async throws {
        try await catalog.transaction {
            try upsert("hall", "Die Sporthalle am Markt")
            // Changing `hall` indexes the pending rows; the step fails, and its rollback
            // takes that indexing back too, so `hall` is pending again.
            #expect(throws: Interrupted.self) {
                try catalog.atomically(savepoint: "step") { _ in
                    try upsert("hall", "Wasserwirtschaft in Thüringen")
                    throw Interrupted()
                }
            }
            #expect(try unindexedCount() == 1)
        }
        #expect(try found("Sporthalle") == ["hall"])
        #expect(try found("Wasserwirtschaft").isEmpty)
        try indexIsSound()
    }

    @Test func aCatalogAtSchema8IsMigratedAndStaysSearchable() async throws {
        let file = directory.file("old/archivar.sqlite")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        var old = Self.book("old", "Die Sporthalle am Markt")
        old.hash = old.contentHash()
        do {
            // As schema 8 left it: its insert trigger indexed the record; analysis and fields current.
            let connection = try Connection(file: file)
            try GermanTokenizer.register(on: connection, cacheDirectory: nil)
            for sql in Migrations.all.prefix(8) { try connection.execute(sql) }
            try connection.execute("PRAGMA user_version = 8")
            try connection.run("INSERT INTO search_analysis(id, identity) VALUES (1, ?1)", [.text(SearchAnalysis.identity)])
            try connection.run("INSERT INTO search_fields(id, version) VALUES (1, ?1)", [.integer(Int64(SearchFields.version))])
            let text = SearchText(old)
            try connection.run("""
                INSERT INTO records(id, kind, type, year, sort_date, hash, json, title, creators, abstract, body)
                VALUES ('old', 'publication', 'book', 2020, '2020', ?1, ?2, ?3, ?4, ?5, ?6)
                """, [.text(old.hash ?? ""), .text(old.json.canonicalText()), .text(text.title), .text(text.creators),
                      .text(text.abstract), .text(text.body)])
        }
        let migrated = try Catalog(file: file)
        #expect(try migrated.withReader { try $0.integer("PRAGMA user_version") } == Migrations.all.count)
        #expect(try migrated.withReader { try $0.text("SELECT name FROM sqlite_master WHERE name = 'records_fts_insert'") } == nil)
        #expect(try migrated.search(SearchQuery(text: "Sporthalle")).hits.map(\.id) == ["old"])

        try await migrated.transaction {
            _ = try migrated.upsert(Self.book("new", "Wasserwirtschaft in Thüringen"), origin: RecordOrigin(source: "test", itemID: "new"))
            _ = try migrated.upsert(Self.book("old", "Quartiersarbeit in Erfurt"), origin: RecordOrigin(source: "test", itemID: "old"))
        }
        #expect(try migrated.search(SearchQuery(text: "Sporthalle")).hits.isEmpty)
        #expect(try migrated.search(SearchQuery(text: "Quartiersarbeit")).hits.map(\.id) == ["old"])
        #expect(try migrated.search(SearchQuery(text: "Wasserwirtschaft")).hits.map(\.id) == ["new"])
        try migrated.withWriter { connection in
            try connection.execute("INSERT INTO records_fts(records_fts, rank) VALUES ('integrity-check', 1)")
        }
    }
}
