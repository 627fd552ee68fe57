import ArchivarCore
import Foundation

/// The catalog on SQLite (WAL mode): records, duplicate keys, origins, source state
/// and the FTS5 index, kept in step by triggers and, for new records, by each write
/// transaction before it commits (`DeferredIndexing`).
///
/// Writes and the lookups transforms make during a harvest go through the writer (so
/// they see the harvest's own uncommitted records), under its lock; searches and listings
/// go through a reader (`CatalogReaders`: one per thread reading at the same time, up to
/// the number of cores), which sees committed data only.
public final class Catalog: CatalogWriter, @unchecked Sendable {
    // @unchecked: every use of `writer` happens under `writerLock`; `transactionDepth` is
    // only touched under `writerLock`; each reader is used by one thread at a time (`readers`).
    private let writer: Connection
    private let readers: CatalogReaders
    private let writerLock = NSRecursiveLock()
    private var transactionDepth = 0
    /// The database file.
    public let file: URL

    /// Opens (creating if needed) the database at `file` and applies migrations.
    public init(file: URL) throws {
        self.file = file
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        writer = try Connection(file: file)
        // temp_store: the savepoint around each stored record (`store`) keeps the pages it
        // changes in a sub-journal; in a temporary file that is about 60 KB of writes per record.
        try writer.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;")
        try Self.requireFTS5(writer)
        try GermanTokenizer.register(on: writer, cacheDirectory: file.deletingLastPathComponent())
        try Migrations.apply(to: writer)
        try SearchAnalysis.rebuildIndexIfOutdated(writer)
        try SearchFields.refreshIfOutdated(writer)
        try DeferredIndexing.prepare(writer)
        readers = try CatalogReaders(file: file)
    }

    private static func requireFTS5(_ connection: Connection) throws {
        let hasFTS5 = try connection.integer("SELECT sqlite_compileoption_used('ENABLE_FTS5')") == 1
        if !hasFTS5 {
            do {
                try connection.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x); DROP TABLE temp.fts5_probe;")
            } catch {
                throw ArchivarError(path: "SQLite", "this SQLite has no FTS5 full-text module; install Debian's libsqlite3-dev/libsqlite3-0 (3.9 or newer)")
            }
        }
    }

    /// Runs `body` on the writer connection, under its lock (extensions in other files use it too).
    func withWriter<T>(_ body: (Connection) throws -> T) rethrows -> T {
        writerLock.lock()
        defer { writerLock.unlock() }
        return try body(writer)
    }

    /// Runs `body` on a reader connection that no other thread uses meanwhile.
    func withReader<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.use { try body($0.connection) }
    }

    /// Runs `body` with a reader and what searches keep beside it (`CatalogReader`).
    func withSearchReader<T>(_ body: (CatalogReader) throws -> T) throws -> T {
        try readers.use(body)
    }

    /// Runs `body` with each reader that no thread uses now, one after another (`CatalogReaders.eachIdle`).
    func withEachIdleSearchReader(_ body: (CatalogReader) throws -> Void) throws {
        try readers.eachIdle(body)
    }

    // MARK: Transactions

    /// One transaction around `body`. Nested calls join the outer transaction.
    /// Only one task writes at a time (harvests are serialized by the run lock).
    /// The records it added are indexed just before it commits (`DeferredIndexing`); the
    /// word list that indexing needs is loaded meanwhile (`LexiconCache.prefetch`).
    public func transaction<T>(_ body: () async throws -> T) async throws -> T {
        let outermost = try withWriter { connection -> Bool in
            transactionDepth += 1
            guard transactionDepth == 1 else { return false }
            do {
                try connection.execute("BEGIN IMMEDIATE")
            } catch {
                transactionDepth -= 1
                throw error
            }
            return true
        }
        if outermost { LexiconCache.prefetch(cachedIn: file.deletingLastPathComponent()) }
        do {
            let result = try await body()
            if outermost { try withWriter(Self.indexAndCommit) }
            withWriter { _ in transactionDepth -= 1 }
            return result
        } catch {
            withWriter { connection in
                transactionDepth -= 1
                if outermost { try? connection.execute("ROLLBACK") }
            }
            throw error
        }
    }

    /// Runs `body` (under the writer's lock) as one unit of writes. Inside an open transaction
    /// it is part of it, in a savepoint named `savepoint` when one is given (then all of `body`
    /// or nothing of it stays); on its own it is a transaction of its own, which indexes the
    /// records `body` added before it commits.
    func atomically<T>(savepoint: String? = nil, _ body: (Connection) throws -> T) throws -> T {
        try withWriter { connection in
            if connection.isInTransaction {
                guard let savepoint else { return try body(connection) }
                return try connection.savepoint(savepoint) { try body(connection) }
            }
            try connection.execute("BEGIN IMMEDIATE")
            do {
                let result = try body(connection)
                try Self.indexAndCommit(connection)
                return result
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Indexes the transaction's new records, then commits it.
    private static func indexAndCommit(_ connection: Connection) throws {
        try DeferredIndexing.indexAll(connection)
        try connection.execute("COMMIT")
    }

    // MARK: Records

    public func upsert(_ record: Record, origin: RecordOrigin) throws -> UpsertOutcome {
        guard !record.id.isEmpty else { throw RecordError(field: "id", reason: "a record needs an id") }
        let record = try withLibrarianEdits(record)
        let content = record.canonicalContent()
        let hash = StableHash.hex(of: content.utf8) // record.contentHash(), from text written once
        let now = DateText.rfc3339(Date())
        return try atomically { connection in
            var existing: (hash: String, json: String)?
            try connection.run("SELECT hash, json FROM records WHERE id = ?1", [.text(record.id)]) { row in
                existing = (row.text(0) ?? "", row.text(1) ?? "{}")
            }
            let rememberOrigin = {
                try connection.run("""
                    INSERT INTO origins(source, item_id, record_id, first_seen) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT(source, item_id) DO UPDATE SET record_id = excluded.record_id
                    """, [.text(origin.source), .text(origin.itemID.isEmpty ? record.id : origin.itemID), .text(record.id), .text(now)])
            }
            if let existing, existing.hash == hash {
                try rememberOrigin()
                return .unchanged
            }

            var stored = record
            stored.hash = hash
            // Parsed only when needed: most records have dates of their own and no earlier version.
            lazy var previous = existing.flatMap { try? Record(json: JSONValue.parse(Data($0.json.utf8))) }
            if stored.published == nil, stored.issued == nil {
                // No date of its own: the first time Archivar saw it, kept across updates.
                stored.published = previous?.published ?? now
                stored["published-is-first-seen"] = .bool(true)
            }
            if stored.updated == nil || stored.updated == previous?.updated {
                stored.updated = now
            }
            let text = SearchText(stored)
            // `stored` is `record` with only these fields set: its text is `content` with them set.
            let json = content.utf8(setting: Dictionary(uniqueKeysWithValues: Self.fieldsSetOnStoring.map { ($0, stored[$0]) }))
            assert(json == Array(stored.json.canonicalText().utf8), "fieldsSetOnStoring misses a field upsert sets")
            // Its update trigger deletes the row's old terms from the index: they must be there.
            if existing != nil { try DeferredIndexing.indexIfUnindexed(stored.id, connection) }
            var rowid: Int64 = 0
            try connection.run("""
                INSERT INTO records(id, kind, type, source, category, year, sort_date, hash, json, title, creators, body, abstract)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, type = excluded.type, source = excluded.source,
                    category = excluded.category, year = excluded.year, sort_date = excluded.sort_date,
                    hash = excluded.hash, json = excluded.json, title = excluded.title,
                    creators = excluded.creators, body = excluded.body, abstract = excluded.abstract
                RETURNING rowid
                """, [
                    .text(stored.id), .text(stored.kind), .text(stored.type), SQLValue(stored.source),
                    SQLValue(stored.category), SQLValue(stored.year), .text(stored.sortDate), .text(hash),
                    .utf8(json), .text(text.title), .text(text.creators), .text(text.body), .text(text.abstract),
                ]) { row in rowid = Int64(row.int(0) ?? 0) }
            if existing == nil {
                // A new row has no people or keys yet (a deleted record's went with it: ON DELETE CASCADE).
                try DeferredIndexing.add(rowid, connection)
                try SearchFields.addPeople(of: stored, row: rowid, in: connection)
            } else {
                try SearchFields.storePeople(of: stored, row: rowid, in: connection)
                try connection.run("DELETE FROM record_keys WHERE record_id = ?1", [.text(stored.id)])
            }
            for key in RecordIdentity.duplicateKeys(for: stored) {
                try connection.run("INSERT OR IGNORE INTO record_keys(key, record_id) VALUES (?1, ?2)", [.text(key), .text(stored.id)])
            }
            try rememberOrigin()
            return existing == nil ? .inserted : .updated
        }
    }

    /// The fields `upsert` sets on the record it was given before storing it.
    private static let fieldsSetOnStoring = ["hash", "updated", "published", "published-is-first-seen"]

    @discardableResult
    public func withdraw(_ origin: RecordOrigin) throws -> Bool {
        try atomically { connection in
            guard let recordID = try connection.text("SELECT record_id FROM origins WHERE source = ?1 AND item_id = ?2",
                                                     [.text(origin.source), .text(origin.itemID)]) else { return false }
            try connection.run("DELETE FROM origins WHERE source = ?1 AND item_id = ?2", [.text(origin.source), .text(origin.itemID)])
            let others = try connection.integer("SELECT count(*) FROM origins WHERE record_id = ?1", [.text(recordID)]) ?? 0
            guard others == 0 else { return false }
            try DeferredIndexing.indexIfUnindexed(recordID, connection)
            try connection.run("DELETE FROM records WHERE id = ?1", [.text(recordID)])
            return true
        }
    }

    public func record(id: String) throws -> Record? {
        try withWriter { connection in try Self.record(id: id, in: connection) }
    }

    static func record(id: String, in connection: Connection) throws -> Record? {
        guard let json = try connection.text("SELECT json FROM records WHERE id = ?1", [.text(id)]) else { return nil }
        return try Record(json: JSONValue.parse(Data(json.utf8)))
    }

    public func recordID(matchingAny keys: [String]) throws -> String? {
        try withWriter { connection in
            for key in keys {
                if let id = try connection.text("SELECT record_id FROM record_keys WHERE key = ?1", [.text(key)]) {
                    return id
                }
            }
            return nil
        }
    }

    public func recordID(for origin: RecordOrigin) throws -> String? {
        try withWriter { connection in
            try connection.text("SELECT record_id FROM origins WHERE source = ?1 AND item_id = ?2",
                                [.text(origin.source), .text(origin.itemID)])
        }
    }

    public func containsRecord(id: String) throws -> Bool {
        try withWriter { connection in try connection.integer("SELECT 1 FROM records WHERE id = ?1", [.text(id)]) != nil }
    }

    /// Streams from a connection of its own, so a long publish does not hold up searches.
    public func forEachRecord(_ body: (Record) throws -> Void) throws {
        let connection = try Connection(file: file, readOnly: true)
        try GermanTokenizer.register(on: connection, cacheDirectory: file.deletingLastPathComponent())
        try connection.run("SELECT json FROM records ORDER BY sort_date DESC, id") { row in
            try body(Record(json: JSONValue.parse(Data((row.text(0) ?? "{}").utf8))))
        }
    }

    public func recordCount() throws -> Int {
        try withReader { connection in try connection.integer("SELECT count(*) FROM records") ?? 0 }
    }

    // MARK: Search (`search` is in CatalogSearch.swift)

    /// Indexes the records the open transaction added (if any; see `DeferredIndexing`), then
    /// merges the index's b-tree segments (a bounded amount of work) so searches stay fast.
    /// Spec: https://sqlite.org/fts5.html#the_merge_command
    public func maintainIndex() throws {
        try withWriter { connection in
            try DeferredIndexing.indexAll(connection)
            try connection.execute("INSERT INTO records_fts(records_fts, rank) VALUES ('merge', 500)")
        }
    }

    // MARK: Sources

    public func sourceStates() throws -> [String: SourceState] {
        try withReader { connection in
            var states: [String: SourceState] = [:]
            try connection.run("""
                SELECT id, etag, last_modified, last_attempt, last_success, last_error, failures, next_due, item_count,
                       permanent_url, disabled_reason, cursor, redirected_from
                FROM sources
                """) { row in
                var state = SourceState(id: row.text(0) ?? "")
                state.etag = row.text(1)
                state.lastModified = row.text(2)
                state.lastAttempt = row.double(3).map(Date.init(timeIntervalSince1970:))
                state.lastSuccess = row.double(4).map(Date.init(timeIntervalSince1970:))
                state.lastError = row.text(5)
                state.failures = row.int(6) ?? 0
                state.nextDue = row.double(7).map(Date.init(timeIntervalSince1970:))
                state.itemCount = row.int(8) ?? 0
                state.permanentURL = row.text(9)
                state.disabledReason = row.text(10)
                state.cursor = row.text(11)
                state.redirectedFrom = row.text(12)
                states[state.id] = state
            }
            return states
        }
    }

    public func saveSourceState(_ state: SourceState) throws {
        try withWriter { connection in
            try connection.run("""
                INSERT INTO sources(id, etag, last_modified, last_attempt, last_success, last_error, failures, next_due,
                                    item_count, permanent_url, disabled_reason, cursor, redirected_from)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                ON CONFLICT(id) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                    last_attempt = excluded.last_attempt, last_success = excluded.last_success,
                    last_error = excluded.last_error, failures = excluded.failures, next_due = excluded.next_due,
                    item_count = excluded.item_count, permanent_url = excluded.permanent_url,
                    disabled_reason = excluded.disabled_reason, cursor = excluded.cursor,
                    redirected_from = excluded.redirected_from
                """, [
                    .text(state.id), SQLValue(state.etag), SQLValue(state.lastModified),
                    SQLValue(state.lastAttempt?.timeIntervalSince1970), SQLValue(state.lastSuccess?.timeIntervalSince1970),
                    SQLValue(state.lastError), .integer(Int64(state.failures)),
                    SQLValue(state.nextDue?.timeIntervalSince1970), .integer(Int64(state.itemCount)),
                    SQLValue(state.permanentURL), SQLValue(state.disabledReason), SQLValue(state.cursor),
                    SQLValue(state.redirectedFrom),
                ])
        }
    }
}
