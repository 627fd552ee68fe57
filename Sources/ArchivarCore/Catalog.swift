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
