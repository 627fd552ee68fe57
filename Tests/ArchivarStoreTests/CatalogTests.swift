import ArchivarCore
import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

@Suite struct CatalogTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    init() throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
    }

    private func book(_ id: String, _ title: String, year: Int = 2016) -> Record {
        var record = Record(id: id)
        record.type = "book"
        record.kind = RecordKind.publication
        record.title = title
        record.editors = [Name(family: "Fischer", given: "Jörg")]
        record.issued = IssuedDate(year: year)
        return record
    }

    @discardableResult
    private func store(_ records: Record...) async throws -> [UpsertOutcome] {
        try await catalog.transaction {
            try records.map { try catalog.upsert($0, origin: RecordOrigin(source: "test", itemID: $0.id)) }
        }
    }

    @Test func upsertReportsInsertedUnchangedUpdated() async throws {
        let record = book("fischer2016unbegleitete", "Unbegleitete minderjährige Flüchtlinge")
        #expect(try await store(record) == [.inserted])
        #expect(try await store(record) == [.unchanged])
        var changed = record
        changed.publisher = "Juventa"
        #expect(try await store(changed) == [.updated])
        #expect(try catalog.record(id: record.id)?.publisher == "Juventa")
        #expect(try catalog.recordCount() == 1)
    }

    @Test func unchangedRecordKeepsItsUpdatedTime() async throws {
        let record = book("a2016x", "Titel")
        try await store(record)
        let first = try #require(try catalog.record(id: "a2016x")?.updated)
        try await Task.sleep(for: .milliseconds(1100))
        try await store(record)
        #expect(try catalog.record(id: "a2016x")?.updated == first)
    }

    @Test func searchFindsGermanWordsWithAndWithoutUmlauts() async throws {
        try await store(book("fischer2016unbegleitete", "Unbegleitete minderjährige Flüchtlinge"),
                        book("fischer2022handbuch", "Handbuch Kommunale Planung und Steuerung", year: 2022))
        let exact = try catalog.search(SearchQuery(text: "Flüchtlinge"))
        #expect(exact.total == 1)
        #expect(exact.hits.first?.id == "fischer2016unbegleitete")
        #expect(exact.hits.first?.highlights.isEmpty == false)
        #expect(try catalog.search(SearchQuery(text: "fluchtlinge")).total == 1)
        #expect(try catalog.search(SearchQuery(text: "FLÜCHTLINGE")).total == 1)
        #expect(try catalog.search(SearchQuery(text: "\"Kommunale Planung\"")).hits.map(\.id) == ["fischer2022handbuch"])
        #expect(try catalog.search(SearchQuery(text: "Fischer")).total == 2)
    }

    @Test func hostileQueriesNeverReachSQLRaw() async throws {
        try await store(book("a2016x", "Titel"))
        for query in ["\"", "NEAR(", "title:*", "a OR", "'; DROP TABLE records; --", "\"unclosed phrase", "***", "-"] {
            let results = try catalog.search(SearchQuery(text: query))
            #expect(results.total >= 0)
        }
        #expect(try catalog.search(SearchQuery(text: "  ")).message != nil)
        #expect(try catalog.search(SearchQuery(text: "\"Titel")).total == 1)
        #expect(try catalog.recordCount() == 1)
    }

    @Test func failedTransactionKeepsEarlierRecords() async throws {
        try await store(book("a2016x", "Erster Titel"))
        struct Broken: Error {}
        await #expect(throws: Broken.self) {
            try await catalog.transaction {
                _ = try catalog.upsert(book("b2016y", "Zweiter Titel"), origin: RecordOrigin(source: "test", itemID: "b"))
                throw Broken()
            }
        }
        #expect(try catalog.containsRecord(id: "a2016x"))
        #expect(try !catalog.containsRecord(id: "b2016y"))
        #expect(try catalog.search(SearchQuery(text: "Zweiter")).total == 0)
    }

    @Test func duplicateKeysAndOriginsFindStoredRecords() async throws {
        var record = book("fischer2016unbegleitete", "Unbegleitete minderjährige Flüchtlinge")
        record.isbn = "978-3-7799-3412-4"
        try await store(record)
        #expect(try catalog.recordID(matchingAny: ["isbn:9783779934124"]) == "fischer2016unbegleitete")
        #expect(try catalog.recordID(for: RecordOrigin(source: "test", itemID: "fischer2016unbegleitete")) == "fischer2016unbegleitete")
        #expect(try catalog.recordID(for: RecordOrigin(source: "other", itemID: "fischer2016unbegleitete")) == nil)
    }

    @Test func recordsStreamNewestFirst() async throws {
        try await store(book("old2014", "Alt", year: 2014), book("new2023", "Neu", year: 2023), book("mid2019", "Mitte", year: 2019))
        var ids: [String] = []
        try catalog.forEachRecord { ids.append($0.id) }
        #expect(ids == ["new2023", "mid2019", "old2014"])
    }

    @Test func sourceStateSurvivesReopening() async throws {
        var state = SourceState(id: "kommune360")
        state.etag = "\"abc\""
        state.failures = 2
        state.lastError = "HTTP 503"
        state.nextDue = Date(timeIntervalSince1970: 1_700_000_000)
        try catalog.saveSourceState(state)
        let reopened = try Catalog(file: directory.file("state/archivar.sqlite"))
        let loaded = try #require(try reopened.sourceStates()["kommune360"])
        #expect(loaded.etag == "\"abc\"")
        #expect(loaded.failures == 2)
        #expect(loaded.status == "new")
        #expect(loaded.nextDue == state.nextDue)
    }
}
