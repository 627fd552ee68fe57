import ArchivarCore
import Foundation

/// A librarian's removals (`archivar remove`), in migration 4's tables:
/// - `removed_records`: the record as it was, and when it was removed;
/// - `removed_keys`: its duplicate keys (its own and those of records merged into it);
/// - `removed_origins`: the source items that delivered it.
/// A harvest or import asks `removal(of:keys:)` before storing, and skips what was removed.
extension Catalog {
    public func remove(_ id: String) throws -> RecordRemoval? {
        try withWriter { connection in
            guard let record = try Self.record(id: id, in: connection) else { return nil }
            return try atomically(savepoint: "removal") { _ in
                let removal = RecordRemoval(id: id, date: Date())
                try connection.run("INSERT INTO removed_records(id, removed_at, json) VALUES (?1, ?2, ?3)",
                                   [.text(id), .text(DateText.rfc3339(removal.date)), .text(record.json.canonicalText())])
                let number = try connection.integer("SELECT last_insert_rowid()") ?? 0
                for key in try Self.keys(of: record, connection) {
                    try connection.run("INSERT OR IGNORE INTO removed_keys(key, removal) VALUES (?1, ?2)",
                                       [.text(key), .integer(Int64(number))])
                }
                try connection.run("""
                    INSERT OR REPLACE INTO removed_origins(source, item_id, removal)
                    SELECT source, item_id, ?2 FROM origins WHERE record_id = ?1
                    """, [.text(id), .integer(Int64(number))])
                // Keys, origins, merges and edits of the record go with it (ON DELETE CASCADE).
                try DeferredIndexing.indexIfUnindexed(id, connection)
                try connection.run("DELETE FROM records WHERE id = ?1", [.text(id)])
                return removal
            }
        }
    }

    public func removal(of origin: RecordOrigin?, keys: @autoclosure () -> [String]) throws -> RecordRemoval? {
        try withWriter { connection in
            var number: Int?
            if let origin {
                number = try connection.integer("SELECT removal FROM removed_origins WHERE source = ?1 AND item_id = ?2",
                                                [.text(origin.source), .text(origin.itemID)])
            }
            if number == nil, try connection.integer("SELECT 1 FROM removed_keys LIMIT 1") != nil {
                for key in keys() where number == nil {
                    number = try connection.integer("SELECT removal FROM removed_keys WHERE key = ?1", [.text(key)])
                }
            }
            guard let number else { return nil }
            var removal: RecordRemoval?
            try connection.run("SELECT id, removed_at FROM removed_records WHERE removal = ?1", [.integer(Int64(number))]) { row in
                removal = RecordRemoval(id: row.text(0) ?? "", date: DateText.parse(row.text(1) ?? "") ?? Date(timeIntervalSince1970: 0))
            }
            return removal
        }
    }

    public func forgetRemoval(_ removal: RecordRemoval) throws {
        try withWriter { connection in
            try connection.run("DELETE FROM removed_records WHERE id = ?1", [.text(removal.id)])
        }
    }

    /// The keys that must not come back: the record's own, those stored for it, and those
    /// of every record merged into it.
    private static func keys(of record: Record, _ connection: Connection) throws -> Set<String> {
        var keys = Set(RecordIdentity.duplicateKeys(for: record))
        try connection.run("SELECT key FROM record_keys WHERE record_id = ?1", [.text(record.id)]) { row in
            if let key = row.text(0) { keys.insert(key) }
        }
        var absorbed: [String] = []
        try connection.run("SELECT absorbed_json FROM merges WHERE survivor = ?1", [.text(record.id)]) { row in
            absorbed.append(row.text(0) ?? "{}")
        }
        for json in absorbed {
            keys.formUnion(RecordIdentity.duplicateKeys(for: try Record(json: JSONValue.parse(Data(json.utf8)))))
        }
        return keys
    }
}
