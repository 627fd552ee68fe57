import ArchivarCore
import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// The catalog's side of the librarian's commands: removals remembered as tombstones
/// (migration 4), and edits kept over what a source delivers again.
@Suite struct LibrarianStoreTests {
    let directory: TemporaryDirectory
    let catalog: Catalog
    let origin = RecordOrigin(source: "ikpe-publikationen", itemID: "fischer2016unbegleitete")

    init() throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
    }

    private var book: Record {
        var record = Record(id: "fischer2016unbegleitete")
        record.type = "book"
        record.kind = RecordKind.publication
        record.title = "Unbegleitete minderjährige Flüchtlinge"
        record.editors = [Name(family: "Fischer", given: "Jörg")]
        record.issued = IssuedDate(year: 2016)
        record.isbn = "978-3-8474-0610-5"
        record.publisher = "Juventa"
        return record
    }

    private func store(_ record: Record, origin: RecordOrigin? = nil) async throws -> UpsertOutcome {
        try await catalog.transaction { try catalog.upsert(record, origin: origin ?? self.origin) }
    }

    @Test func removalIsRememberedByOriginAndByDuplicateKeys() async throws {
        _ = try await store(book)
        let removal = try #require(try await catalog.transaction { try catalog.remove(book.id) })
        #expect(removal.id == book.id)
        #expect(removal.description == "removed by a librarian on \(String(DateText.rfc3339(Date()).prefix(10)))")
        #expect(try catalog.record(id: book.id) == nil)
        #expect(try catalog.recordCount() == 0)
        #expect(try catalog.recordID(matchingAny: RecordIdentity.duplicateKeys(for: book)) == nil, "its keys went with it")

        // The same item from the same source, under any id.
        #expect(try catalog.removal(of: origin, keys: [])?.id == book.id)
        // The same work from elsewhere: the ISBN (also as ISBN-10 would be another key), or title + year + creator.
        var elsewhere = book
        elsewhere.isbn = nil
        let otherOrigin = RecordOrigin(source: "import:liste.bib", itemID: "x")
        #expect(try catalog.removal(of: otherOrigin, keys: RecordIdentity.duplicateKeys(for: elsewhere))?.id == book.id)
        #expect(try catalog.removal(of: nil, keys: ["isbn:9783847406105"])?.id == book.id)
        // Something else is not affected.
        var other = book
        other.title = "Handbuch Kommunale Planung und Steuerung"
        other.isbn = nil
        #expect(try catalog.removal(of: otherOrigin, keys: RecordIdentity.duplicateKeys(for: other)) == nil)
    }

    @Test func removingAnUnknownRecordChangesNothing() async throws {
        _ = try await store(book)
        #expect(try await catalog.transaction { try catalog.remove("nosuchrecord") } == nil)
        #expect(try catalog.recordCount() == 1)
        #expect(try catalog.removal(of: RecordOrigin(source: "librarian", itemID: "nosuchrecord"), keys: []) == nil)
    }

    @Test func aFailedTransactionKeepsTheRecordAndForgetsTheRemoval() async throws {
        struct Interrupted: Error {}
        _ = try await store(book)
        await #expect(throws: Interrupted.self) {
            try await catalog.transaction {
                _ = try catalog.remove(book.id)
                throw Interrupted()
            }
        }
        #expect(try catalog.record(id: book.id)?.title == book.title)
        #expect(try catalog.removal(of: origin, keys: RecordIdentity.duplicateKeys(for: book)) == nil)
    }

    @Test func aForgottenRemovalLetsTheWorkBackAndItCanBeRemovedAgain() async throws {
        _ = try await store(book)
        let removal = try #require(try await catalog.transaction { try catalog.remove(book.id) })
        try catalog.forgetRemoval(removal)
        #expect(try catalog.removal(of: origin, keys: RecordIdentity.duplicateKeys(for: book)) == nil)
        #expect(try await store(book) == .inserted)
        #expect(try await catalog.transaction { try catalog.remove(book.id) } != nil, "the same id can be removed twice")
        #expect(try catalog.removal(of: origin, keys: [])?.id == book.id)
    }

    @Test func anEditIsKeptWhenTheSourceDeliversTheRecordAgain() async throws {
        _ = try await store(book)
        let before = try #require(try catalog.record(id: book.id)?.updated)
        try await Task.sleep(for: .milliseconds(1100))
        let edited = try #require(try await catalog.transaction {
            try catalog.edit(book.id, changes: ["title": .string("Unbegleitete Flüchtlinge"), "publisher": .null])
        })
        #expect(edited.title == "Unbegleitete Flüchtlinge")
        #expect(edited.publisher == nil)
        #expect(edited.updated != before)

        // The harvest delivers the old version: the edit stays, and nothing counts as changed.
        #expect(try await store(book) == .unchanged)
        #expect(try catalog.record(id: book.id)?.title == "Unbegleitete Flüchtlinge")
        #expect(try catalog.record(id: book.id)?.publisher == nil)
        // A real change at the source still comes through in the fields not edited.
        var changed = book
        changed.publisherPlace = "Weinheim"
        #expect(try await store(changed) == .updated)
        let stored = try #require(try catalog.record(id: book.id))
        #expect(stored.publisherPlace == "Weinheim")
        #expect(stored.title == "Unbegleitete Flüchtlinge")
        #expect(try catalog.search(SearchQuery(text: "minderjährige")).total == 0, "the index has the edited title")

        #expect(try catalog.edit("nosuchrecord", changes: ["title": .string("x")]) == nil)
    }

    @Test func aRemovedRecordTakesItsEditsAlong() async throws {
        _ = try await store(book)
        _ = try catalog.edit(book.id, changes: ["title": .string("Anders")])
        let removal = try #require(try catalog.remove(book.id))
        try catalog.forgetRemoval(removal)
        #expect(try await store(book) == .inserted)
        #expect(try catalog.record(id: book.id)?.title == book.title, "a new record starts without the old edits")
    }
}
