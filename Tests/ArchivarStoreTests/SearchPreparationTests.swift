import ArchivarCore
@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// `Catalog.prepareSearches` (called by `archivar serve` every minute) brings the readers'
/// digests up to date after a change, so that the next visitor's search does not build one.
@Suite struct SearchPreparationTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    init() async throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
        try await Self.add(0 ..< 20, to: catalog)
    }

    private static func add(_ numbers: Range<Int>, to catalog: Catalog) async throws {
        try await catalog.transaction {
            for number in numbers {
                var record = Record(id: "r\(number)")
                record.type = "report"
                record.title = "Sozialplanung im Landkreis, Heft \(number)"
                _ = try catalog.upsert(record, origin: RecordOrigin(source: "test", itemID: record.id))
            }
        }
    }

    private func builds() throws -> Int {
        try catalog.withSearchReader { $0.digest.builds }
    }

    @Test func afterAnotherProcessWroteTheNextSearchFindsItWithoutBuilding() async throws {
        #expect(try catalog.search(SearchQuery(text: "Sozialplanung")).total == 20)
        // Another connection to the file stands for `archivar harvest` run by cron.
        let otherProcess = try Catalog(file: catalog.file)
        try await Self.add(20 ..< 25, to: otherProcess)

        try catalog.prepareSearches()
        let prepared = try builds()
        #expect(try catalog.search(SearchQuery(text: "Sozialplanung type:report")).total == 25)
        #expect(try builds() == prepared, "the search built the digest again")
    }

    @Test func preparingWithoutAChangeBuildsNothing() throws {
        _ = try catalog.search(SearchQuery(text: "Sozialplanung"))
        let before = try builds()
        try catalog.prepareSearches()
        try catalog.prepareSearches()
        #expect(try builds() == before)
    }

    @Test func aReaderInUseIsLeftToTheSearchUsingIt() async throws {
        _ = try catalog.search(SearchQuery(text: "Sozialplanung"))
        try await Self.add(20 ..< 22, to: catalog)
        let catalog = catalog
        whileAReaderIsBusy(in: catalog) {
            let prepared = DispatchSemaphore(value: 0)
            Thread {
                try? catalog.prepareSearches()
                prepared.signal()
            }.start()
            #expect(prepared.wait(timeout: .now() + 20) == .success, "preparing waited for the busy reader")
        }
        #expect(try catalog.search(SearchQuery(text: "Sozialplanung")).total == 22)
    }
}
