import ArchivarCore
import Foundation

/// What search keeps beside a record's row, derived from the record when it is stored:
/// the texts of `SearchText` (in `records`) and the record's people by `PersonKey`
/// (`record_people`: the author facet counts them, `author:"Jörg Fischer"` finds them).
/// Migration 7 added fields older rows lack; `version` says which derivation the stored
/// rows hold, and `refreshIfOutdated` derives them all again when it changes.
enum SearchFields {
    /// Bump when `SearchText` or `PersonKey` change what they make of a record, or what
    /// `record_people` holds changes.
    static let version = 2

    /// Replaces the stored people of `record`, whose row in `records` is `row`: authors, then
    /// editors, each person once, under the key `PersonKey(name).description`, with the name
    /// as written (a CSL-JSON name object, canonical JSON; see `storedName(_:)`).
    static func storePeople(of record: Record, row: Int64, in connection: Connection) throws {
        try connection.run("DELETE FROM record_people WHERE record = ?1", [.integer(row)])
        try addPeople(of: record, row: row, in: connection)
    }

    /// Stores the people of `record` for a row that has none stored (a new row).
    static func addPeople(of record: Record, row: Int64, in connection: Connection) throws {
        for (position, person) in people(of: record).enumerated() {
            try connection.run("INSERT INTO record_people(record, position, key, name) VALUES (?1, ?2, ?3, ?4)",
                               [.integer(row), .integer(Int64(position)), .text(person.key), .text(person.name)])
        }
    }

    /// The key and stored name of each person of `record`, first spelling kept.
    private static func people(of record: Record) -> [(key: String, name: String)] {
        var seen: Set<String> = []
        return (record.authors + record.editors).compactMap { name in
            guard let person = knownNames.person(name), seen.insert(person.key).inserted else { return nil }
            return person
        }
    }

    private static let knownNames = KnownNames()

    /// A name as `record_people.name` holds it; nil for text that is no name object.
    static func storedName(_ text: String) -> Name? {
        (try? JSONValue.parse(Data(text.utf8))).flatMap(Name.init(json:))
    }

    /// Derives the fields of every stored record again when they were derived by another
    /// version (or, after migration 7, never), and rebuilds the full-text index from
    /// them, in one transaction.
    static func refreshIfOutdated(_ connection: Connection) throws {
        let storedSQL = "SELECT version FROM search_fields WHERE id = 1"
        guard try connection.integer(storedSQL) != version else { return }
        try connection.execute("BEGIN IMMEDIATE")
        do {
            // Another process may have refreshed them while this one waited for the lock.
            if try connection.integer(storedSQL) != version {
                // The index is rebuilt once at the end rather than row by row (which would
                // analyse every old text to delete it, then the new one): without its update
                // trigger, rows change without touching the index, and 'rebuild' reads them all.
                // Spec: https://sqlite.org/fts5.html#the_rebuild_command
                let trigger = try connection.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'records_fts_update'")
                try connection.execute("DROP TRIGGER IF EXISTS records_fts_update")
                // In batches by rowid: memory stays bounded, and no statement reads rows being rewritten.
                var last: Int64 = 0
                var batch: [(rowid: Int64, json: String)] = []
                repeat {
                    batch.removeAll(keepingCapacity: true)
                    try connection.run("SELECT rowid, json FROM records WHERE rowid > ?1 ORDER BY rowid LIMIT 500", [.integer(last)]) { row in
                        batch.append((Int64(row.int(0) ?? 0), row.text(1) ?? "{}"))
                    }
                    for (rowid, json) in batch {
                        let record = try Record(json: JSONValue.parse(Data(json.utf8)))
                        let text = SearchText(record)
                        try connection.run("UPDATE records SET title = ?1, creators = ?2, abstract = ?3, body = ?4 WHERE rowid = ?5", [
                            .text(text.title), .text(text.creators), .text(text.abstract), .text(text.body), .integer(rowid),
                        ])
                        try storePeople(of: record, row: rowid, in: connection)
                        last = rowid
                    }
                } while !batch.isEmpty
                if let trigger { try connection.execute(trigger) }
                try connection.execute("INSERT INTO records_fts(records_fts) VALUES ('rebuild')")
                try connection.run("INSERT OR REPLACE INTO search_fields(id, version) VALUES (1, ?1)", [.integer(Int64(version))])
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}

/// The key (`PersonKey(name).description`) and stored name (canonical JSON) of names seen
/// before: a source's authors recur in record after record, and a key costs microseconds of
/// Unicode work. One table for the process, emptied when it holds `limit` names.
private final class KnownNames: @unchecked Sendable {
    // @unchecked: `people` is only touched under `lock`.
    private let lock = NSLock()
    private var people: [Name: (key: String, name: String)?] = [:]
    private static let limit = 10_000

    /// The key and stored name of `name`; nil when it has no key.
    func person(_ name: Name) -> (key: String, name: String)? {
        if let known = lock.withLock({ people[name] }) { return known }
        let person = PersonKey(name).map { (key: $0.description, name: name.json.canonicalText()) }
        lock.withLock {
            if people.count >= Self.limit { people.removeAll(keepingCapacity: true) }
            people[name] = person
        }
        return person
    }
}
