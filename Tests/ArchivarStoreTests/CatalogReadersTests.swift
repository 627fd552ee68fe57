import ArchivarCore
@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Synchronization
import Testing

/// Searches on several threads (the server's workers) each get a reader of their own:
/// one search does not wait for another, and all see the same catalog.
@Suite struct CatalogReadersTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    init() async throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
        let catalog = catalog
        try await catalog.transaction {
            for index in 0 ..< 30 {
                var record = Record(id: "r\(index)")
                record.type = index % 2 == 0 ? "book" : "report"
                record.title = "Kommunale Planung in Thüringen, Band \(index)"
                record.issued = IssuedDate(year: 2000 + index)
                _ = try catalog.upsert(record, origin: RecordOrigin(source: "test", itemID: record.id))
            }
        }
    }

    @Test func aSearchDoesNotWaitForAnotherInProgress() throws {
        let catalog = catalog
        whileAReaderIsBusy(in: catalog) {
            let done = DispatchSemaphore(value: 0)
            let total = Mutex(0)
            Thread {
                let found = (try? catalog.search(SearchQuery(text: "Planung type:book")).total) ?? -1
                total.withLock { $0 = found }
                done.signal()
            }.start()
            #expect(done.wait(timeout: .now() + 20) == .success, "the search waited for the busy reader")
            #expect(total.withLock { $0 } == 15)
        }
    }

    @Test func concurrentSearchesFindTheSameAsOneAfterAnother() async throws {
        let queries = ["Planung", "Thüringen type:report", "year:2010..2019", "Band", "Planung -type:book", "2015"]
        let catalog = catalog
        let expected = try queries.map { try catalog.search(SearchQuery(text: $0, limit: 50, offset: 0)).hits.map(\.id) }
        try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
            for _ in 0 ..< 8 {
                for (index, query) in queries.enumerated() {
                    group.addTask { (index, try catalog.search(SearchQuery(text: query, limit: 50, offset: 0)).hits.map(\.id)) }
                }
            }
            for try await (index, ids) in group {
                #expect(ids == expected[index], "\(queries[index])")
            }
        }
    }
}
