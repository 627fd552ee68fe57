import Foundation

/// Read access to the catalog, as stages, publishers and the web server use it.
/// Implemented by `ArchivarStore.Catalog`; Core only names what is needed.
public protocol CatalogReader: Sendable {
    /// One record by id.
    func record(id: String) throws -> Record?
    /// The id of a stored record that shares one of `keys` (see `RecordIdentity.duplicateKeys`).
    func recordID(matchingAny keys: [String]) throws -> String?
    /// The id of the record an earlier harvest stored for this origin (source + item id).
    func recordID(for origin: RecordOrigin) throws -> String?
    /// Whether a record with this id exists.
    func containsRecord(id: String) throws -> Bool
    /// Every record, newest first (by `sortDate`), one at a time: never the whole catalog in memory.
    func forEachRecord(_ body: (Record) throws -> Void) throws
    /// How many records the catalog holds.
    func recordCount() throws -> Int
    /// Full-text search (SPEC §8).
    func search(_ query: SearchQuery) throws -> SearchResults
    /// Brings the full-text index up to date and merges its segments (the `index` stage).
    func maintainIndex() throws
    /// The stored state of every source that has been harvested.
    func sourceStates() throws -> [String: SourceState]
    /// Every remembered merge `id` took part in, as survivor or as absorbed record, oldest first.
    func merges(of id: String) throws -> [MergeEntry]
    /// Whether a librarian's `unmerge` declared the two records not the same (rules never merge them).
    func areKeptApart(_ first: String, _ second: String) throws -> Bool
    /// The librarian's removal an incoming record falls under: its origin, or one of its
    /// duplicate keys, belonged to a removed record. Nil when nothing keeps it out. `keys`
    /// is evaluated only when some removal is remembered by key (an import need not compute them).
    func removal(of origin: RecordOrigin?, keys: @autoclosure () -> [String]) throws -> RecordRemoval?
}

/// Write access, for harvests and librarian edits.
public protocol CatalogWriter: CatalogReader {
    /// Runs `body` in one transaction: all of it is stored, or nothing.
    func transaction<T>(_ body: () async throws -> T) async throws -> T
    /// Stores a record under its id, remembering `origin` (source id + item id). An
    /// unchanged record (same content hash) is not written.
    func upsert(_ record: Record, origin: RecordOrigin) throws -> UpsertOutcome
    /// Saves the state of a source.
    func saveSourceState(_ state: SourceState) throws
    /// Forgets that `origin` delivered a record (the source deleted the item). The record
    /// itself is removed when no other origin delivered it. Returns whether it was removed.
    @discardableResult
    func withdraw(_ origin: RecordOrigin) throws -> Bool
    /// Stores a record as the dedupe stage resolved it: the same item again updates the
    /// record it went into (an absorbed one updates its part of the survivor); a record with
    /// a `mergeProposal` is merged into the survivor and the merge remembered; any other is
    /// upserted. The proposal itself is never stored.
    func store(_ record: Record, origin: RecordOrigin) throws -> StoreResult
    /// Merges the stored record `absorbed` into `survivor` by hand: its origins deliver into
    /// the survivor from now on. Unknown ids are errors.
    func merge(_ absorbed: String, into survivor: String) throws -> MergeEntry
    /// Undoes a remembered merge: both records as they were before it, the absorbed one's
    /// origins back with it, and the pair kept apart from now on. Returns the id the absorbed
    /// record got back (its own, or a free variant of it when that was taken meanwhile).
    func unmerge(_ absorbed: String, from survivor: String) throws -> String
    /// Removes the record `id` (`archivar remove`), remembering its duplicate keys and
    /// origins so that no harvest or import brings it back. Nil when no record has this id.
    func remove(_ id: String) throws -> RecordRemoval?
    /// Forgets a removal, when a librarian adds the removed work again on purpose.
    func forgetRemoval(_ removal: RecordRemoval) throws
    /// A librarian's edit of the stored record `id`: each changed field's new value, `.null`
    /// for a removed field. The edit is stored and kept over what later harvests deliver.
    /// Returns the record as stored; nil when no record has this id.
    func edit(_ id: String, changes: [String: JSONValue]) throws -> Record?
}

/// Where a record came from: a source and the item's own id there.
public struct RecordOrigin: Sendable, Hashable {
    public var source: String
    public var itemID: String
    public init(source: String, itemID: String) {
        self.source = source
        self.itemID = itemID
    }
}

/// What `upsert` did.
public enum UpsertOutcome: Sendable, Equatable {
    case inserted, updated, unchanged
}

/// A source's health and HTTP cache validators, kept in the state directory.
public struct SourceState: Sendable, Equatable {
    public var id: String
    public var etag: String?
    public var lastModified: String?
    public var lastAttempt: Date?
    public var lastSuccess: Date?
    public var lastError: String?
    public var failures: Int = 0
    public var nextDue: Date?
    public var itemCount: Int = 0
    /// The new address a permanent redirect (301/308) pointed to; see `movedURL(for:)`.
    public var permanentURL: String?
    /// The source's `url` when the permanent redirect was seen: an edited `url` wins over it.
    public var redirectedFrom: String?
    /// Why the source is no longer harvested (its server answered 410 Gone); nil while active.
    public var disabledReason: String?
    /// Where an incremental ingest plugin stopped last time (OAI-PMH: the last datestamp).
    public var cursor: String?

    public init(id: String) { self.id = id }

    /// Where `source` moved for good, as long as its `url` is still the one that moved.
    public func movedURL(for source: SourceDefinition) -> String? {
        redirectedFrom == source.url ? permanentURL : nil
    }

    /// `ok`, `failing`, `disabled` or `new`.
    public var status: String {
        if disabledReason != nil { return "disabled" }
        if lastAttempt == nil { return "new" }
        return failures == 0 ? "ok" : "failing"
    }
}
