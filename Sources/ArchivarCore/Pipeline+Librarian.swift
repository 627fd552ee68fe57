import Foundation

extension Pipeline {
    /// The source of records a librarian adds by hand (`archivar add`).
    public static let librarianSource = SourceDefinition(
        id: "librarian", title: "Bibliothek", plugin: "add", url: "", kind: RecordKind.publication)

    /// Adds one record a librarian typed or pasted (SPEC §6 `add`): checked by
    /// `RecordValidation` (an `InvalidRecord` error lists every problem), then through the
    /// configured transforms into the catalog, in one transaction (a DOI stored bare). A work that is stored
    /// already is merged into it (`result.merge` says into which, by which rule). Each add
    /// is an origin of its own, so a second add of a work merges rather than replaces,
    /// and `unmerge` can take it apart again. A work a librarian removed earlier comes back:
    /// adding it is deliberate, so the removal is forgotten and returned.
    public func add(_ record: Record, now: Date = Date()) async throws -> (result: StoreResult, readmitted: RecordRemoval?) {
        let problems = RecordValidation.problems(in: record)
        guard problems.isEmpty else { throw InvalidRecord(problems) }
        var record = record
        record.doi = record.doi.map(RecordValidation.bareDOI)
        let source = Self.librarianSource
        let dropped = DropReasons()
        let context = TransformContext(catalog: catalog, config: config, source: source, report: { dropped.add($0) })
        return try await catalog.transaction {
            guard let ready = try await prepare(record, from: source, context: context) else {
                throw ArchivarError(stage: "add", "the record was not stored: "
                    + (dropped.all.isEmpty ? "a transform dropped it" : dropped.all.map(\.message).joined(separator: "; ")))
            }
            let afterTransforms = RecordValidation.problems(in: ready)
            guard afterTransforms.isEmpty else { throw InvalidRecord(afterTransforms) }
            let origin = RecordOrigin(source: source.id, itemID: RecordIdentity.itemID(of: record) + "@" + DateText.rfc3339(now))
            let removal = try self.removal(of: ready, origin: origin)
            if let removal { try catalog.forgetRemoval(removal) }
            return (try catalog.store(ready, origin: origin), removal)
        }
    }
}

/// What transforms reported while a librarian's record went through them.
private final class DropReasons: @unchecked Sendable {
    // @unchecked: `problems` is only touched under `lock`.
    private let lock = NSLock()
    private var problems: [Problem] = []
    func add(_ problem: Problem) { lock.withLock { problems.append(problem) } }
    var all: [Problem] { lock.withLock { problems } }
}
