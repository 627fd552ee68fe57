import ArchivarCore
@testable import ArchivarStore

extension Catalog {
    /// Stores one book per id (type `book`, a publication of 2020, source `test`) with its
    /// title and `authors`, in one transaction, in the order of the ids: the catalog the
    /// search tests query.
    func storeBooks(_ titles: [String: String], authors: [String: [Name]] = [:]) async throws {
        try await transaction {
            for (id, title) in titles.sorted(by: { $0.key < $1.key }) {
                var record = Record(id: id)
                record.type = "book"
                record.kind = RecordKind.publication
                record.title = title
                record.authors = authors[id] ?? []
                record.issued = IssuedDate(year: 2020)
                _ = try upsert(record, origin: RecordOrigin(source: "test", itemID: id))
            }
        }
    }
}
