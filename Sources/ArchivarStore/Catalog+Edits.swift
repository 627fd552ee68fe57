import ArchivarCore
import Foundation

/// A librarian's edits (`archivar edit`), kept in migration 4's `record_edits`: per record,
/// the fields the librarian set (or removed, as `null`). Every store of the record applies
/// them again, so a harvest that delivers the record anew does not undo a correction.
extension Catalog {
    public func edit(_ id: String, changes: [String: JSONValue]) throws -> Record? {
        try withWriter { connection in
            guard var record = try Self.record(id: id, in: connection) else { return nil }
            return try atomically(savepoint: "edit") { _ in
                var kept = try Self.edits(of: id, connection)
                for (field, value) in changes {
                    kept[field] = value
                    record[field] = value
                }
                try connection.run("INSERT OR REPLACE INTO record_edits(record_id, fields) VALUES (?1, ?2)",
                                   [.text(id), .text(JSONValue.object(kept).canonicalText())])
                var origin = RecordOrigin(source: record.source ?? "librarian", itemID: id)
                try connection.run("SELECT source, item_id FROM origins WHERE record_id = ?1 ORDER BY first_seen LIMIT 1",
                                   [.text(id)]) { row in
                    origin = RecordOrigin(source: row.text(0) ?? "", itemID: row.text(1) ?? "")
                }
                _ = try upsert(record, origin: origin)
                return try Self.record(id: id, in: connection)
            }
        }
    }

    /// `record` with the librarian's edits of its id applied over it (`upsert` calls this).
    func withLibrarianEdits(_ record: Record) throws -> Record {
        try withWriter { connection in
            let edits = try Self.edits(of: record.id, connection)
            guard !edits.isEmpty else { return record }
            var edited = record
            for (field, value) in edits { edited[field] = value }
            return edited
        }
    }

    private static func edits(of id: String, _ connection: Connection) throws -> [String: JSONValue] {
        guard let json = try connection.text("SELECT fields FROM record_edits WHERE record_id = ?1", [.text(id)]) else { return [:] }
        return try JSONValue.parse(Data(json.utf8)).object ?? [:]
    }
}
