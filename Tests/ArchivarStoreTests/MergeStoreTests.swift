import ArchivarCore
import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// The catalog's side of merging: `store` with a merge proposal, `merge` by hand,
/// `unmerge`, and what they remember.
@Suite struct MergeStoreTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    init() throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
    }

    private func book(_ id: String, _ fields: [String: JSONValue] = [:]) -> Record {
        var record = Record(id: id, fields: fields)
        record.type = "book"
        record.title = "Jugendhilfeplanung"
        record.authors = [Name(family: "Fischer", given: "Jörg")]
        record.issued = IssuedDate(year: 2015)
        return record
    }

    /// `record` from `source` as the dedupe stage would hand it on: proposed for `survivor`.
    @discardableResult
    private func deliver(_ record: Record, from source: String, into survivor: String? = nil) throws -> StoreResult {
        var record = record
        record.mergeProposal = survivor.map { MergeProposal(survivor: $0, rule: .isbn) }
        return try catalog.store(record, origin: RecordOrigin(source: source, itemID: record.id))
    }

    @Test func aProposedMergeIsStoredIntoTheSurvivorAndRemembered() throws {
        try deliver(book("fischer2015jugend", ["publisher": .string("Beltz")]), from: "bibliothek")
        let result = try deliver(book("fischer2015jugend", ["ISBN": .string("3-7799-3377-2")]), from: "kollegin", into: "fischer2015jugend")
        #expect(result.outcome == .updated)
        #expect(result.id == "fischer2015jugend")
        #expect(result.merge?.absorbed == "fischer2015jugenda", "the absorbed record's id is kept free for unmerge")
        let merged = try #require(try catalog.record(id: "fischer2015jugend"))
        #expect(merged.publisher == "Beltz")
        #expect(merged.isbn == "3-7799-3377-2")
        #expect(merged["archivar-merge-into"] == nil, "the proposal is never stored")
        #expect(try catalog.recordCount() == 1)
        #expect(try catalog.merges(of: "fischer2015jugenda").map(\.survivor) == ["fischer2015jugend"])
        #expect(try catalog.recordID(for: RecordOrigin(source: "kollegin", itemID: "fischer2015jugend")) == "fischer2015jugend")
    }

    @Test func theAbsorbedOriginDeliveringAgainUpdatesItsPartOfTheSurvivor() throws {
        try deliver(book("a", ["publisher": .string("Beltz")]), from: "eins")
        try deliver(book("b", ["note": .string("kurz")]), from: "zwei", into: "a")
        let again = try deliver(book("b", ["note": .string("kurz")]), from: "zwei")
        #expect(again.outcome == .unchanged)
        #expect(again.merge == nil)
        try deliver(book("b", ["note": .string("eine längere Notiz")]), from: "zwei")
        #expect(try catalog.record(id: "a")?.text("note") == "eine längere Notiz")
        #expect(try catalog.recordCount() == 1)
        // Unmerged, the absorbed record comes back as it was last delivered.
        #expect(try catalog.unmerge("b", from: "a") == "b")
        #expect(try catalog.record(id: "b")?.text("note") == "eine längere Notiz")
        #expect(try catalog.record(id: "a")?.text("note") == nil)
    }

    @Test func theSurvivorsOwnSourceDeliveringAgainKeepsWhatWasMergedIn() throws {
        try deliver(book("a", ["publisher": .string("Beltz")]), from: "eins")
        try deliver(book("b", ["publisher-place": .string("Weinheim")]), from: "zwei", into: "a")
        try deliver(book("a", ["publisher": .string("Beltz Juventa")]), from: "eins")
        let record = try #require(try catalog.record(id: "a"))
        #expect(record.publisher == "Beltz Juventa")
        #expect(record.publisherPlace == "Weinheim")
        #expect(try deliver(book("a", ["publisher": .string("Beltz Juventa")]), from: "eins").outcome == .unchanged)
    }

    @Test func unmergeRestoresBothKeysOriginsAndLaterEditsAndKeepsThePairApart() throws {
        try deliver(book("a", ["publisher": .string("Beltz")]), from: "eins")
        try deliver(book("b", ["DOI": .string("10.1000/b"), "publisher": .string("Beltz Juventa Verlag")]), from: "zwei", into: "a")
        var edited = try #require(try catalog.record(id: "a"))
        edited.setText("note", "von Hand ergänzt")
        _ = try catalog.upsert(edited, origin: RecordOrigin(source: "eins", itemID: "a"))
        #expect(try catalog.recordID(matchingAny: ["doi:10.1000/b"]) == "a")

        #expect(try catalog.unmerge("b", from: "a") == "b")
        let survivor = try #require(try catalog.record(id: "a"))
        #expect(survivor.publisher == "Beltz")
        #expect(survivor.doi == nil)
        #expect(survivor.text("note") == "von Hand ergänzt", "an edit made after the merge stays")
        let restored = try #require(try catalog.record(id: "b"))
        #expect(restored.publisher == "Beltz Juventa Verlag")
        #expect(try catalog.recordID(matchingAny: ["doi:10.1000/b"]) == "b")
        #expect(try catalog.recordID(for: RecordOrigin(source: "zwei", itemID: "b")) == "b")
        #expect(try catalog.merges(of: "a").isEmpty)
        #expect(try catalog.areKeptApart("b", "a"))
    }

    @Test func aManualMergeMovesTheOriginsAndClearsAKeptApartPair() throws {
        try deliver(book("a"), from: "eins")
        try deliver(book("c", ["publisher": .string("Budrich")]), from: "drei")
        try catalog.unmerge(try #require(try deliver(book("x"), from: "zwei", into: "a").merge?.absorbed), from: "a")
        #expect(try catalog.areKeptApart("a", "x"))

        let entry = try catalog.merge("x", into: "a")
        #expect(entry.rule == .manual)
        #expect(try !catalog.areKeptApart("a", "x"))
        #expect(try catalog.record(id: "x") == nil)
        #expect(try catalog.recordID(for: RecordOrigin(source: "zwei", itemID: "x")) == "a")
        // What was merged into c before goes with it, and each part can still be taken out.
        try deliver(book("d", ["note": .string("aus d")]), from: "vier", into: "c")
        try catalog.merge("c", into: "a")
        #expect(try catalog.record(id: "a")?.text("note") == "aus d")
        #expect(try catalog.merges(of: "a").map(\.absorbed) == ["x", "d", "c"])
        try catalog.unmerge("d", from: "a")
        #expect(try catalog.record(id: "a")?.text("note") == nil)
        #expect(try catalog.record(id: "a")?.publisher == "Budrich")
        #expect(try catalog.record(id: "d")?.text("note") == "aus d")
    }

    @Test func unknownIdsAreClearErrors() throws {
        try deliver(book("a"), from: "eins")
        try deliver(book("b"), from: "zwei", into: "a")
        #expect(throws: ArchivarError.self) { try catalog.merge("a", into: "nirgends") }
        #expect(throws: ArchivarError.self) { try catalog.merge("a", into: "a") }
        let absorbed = #expect(throws: ArchivarError.self) { try catalog.merge("b", into: "a") }
        #expect(absorbed?.description.contains("merged into a") == true)
        let unknown = #expect(throws: ArchivarError.self) { try catalog.unmerge("c", from: "a") }
        #expect(unknown?.description == "a: c was not merged into a")
        #expect(try catalog.recordCount() == 1)
    }
}
