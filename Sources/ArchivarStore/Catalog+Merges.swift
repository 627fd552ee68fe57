import ArchivarCore
import Foundation

/// Merging in the catalog (SPEC §3): storing what the dedupe stage resolved, merging by
/// hand, and unmerging. What a merge needs to be undone lives in migration 5's tables:
/// - `merges`: survivor, the absorbed record's id, rule, date, and the absorbed record as
///   its origins last delivered it;
/// - `merge_origins`: the origins that delivered the absorbed record; they deliver into the
///   survivor while the merge stands and go back to the absorbed record on unmerge;
/// - `merge_survivors`: a survivor's own version, without anything merged into it;
/// - `merge_vetoes`: pairs a librarian unmerged, which the rules never merge again.
/// Each operation runs in a savepoint: inside a harvest's transaction it is part of it,
/// and on its own it is all or nothing (`Catalog.atomically`).
extension Catalog {
    public func store(_ record: Record, origin: RecordOrigin) throws -> StoreResult {
        var incoming = record
        let proposal = incoming.mergeProposal
        incoming.mergeProposal = nil
        let origin = origin.itemID.isEmpty ? RecordOrigin(source: origin.source, itemID: incoming.id) : origin
        return try atomically(savepoint: "merge") { connection in
            if let target = try connection.text("SELECT record_id FROM origins WHERE source = ?1 AND item_id = ?2",
                                                [.text(origin.source), .text(origin.itemID)]) {
                return try storeAgain(incoming, origin: origin, into: target, connection)
            }
            if let proposal {
                if let survivor = try Self.record(id: proposal.survivor, in: connection) {
                    return try absorb(incoming, origin: origin, into: survivor, rule: proposal.rule, connection)
                }
                // The survivor went meanwhile: the record is new, under an id of its own.
                incoming.id = try Self.freeID(incoming.id, connection)
            }
            return StoreResult(outcome: try upsert(incoming, origin: origin), id: incoming.id)
        }
    }

    public func merge(_ absorbed: String, into survivor: String) throws -> MergeEntry {
        guard absorbed != survivor else {
            throw ArchivarError(path: survivor, "a record cannot be merged into itself")
        }
        return try withWriter { connection in
            guard let survivorRecord = try Self.record(id: survivor, in: connection) else {
                throw try Self.unknownRecord(survivor, connection)
            }
            guard let absorbedRecord = try Self.record(id: absorbed, in: connection) else {
                throw try Self.unknownRecord(absorbed, connection)
            }
            return try atomically(savepoint: "merge") { _ in
                // The absorbed record's own version and origins; what was merged into it before
                // now belongs to the survivor, each part still undoable on its own.
                let own = try Self.ownVersion(of: absorbed, connection) ?? absorbedRecord
                var ownOrigins: [RecordOrigin] = []
                try connection.run("""
                    SELECT source, item_id FROM origins o WHERE record_id = ?1
                    AND NOT EXISTS (SELECT 1 FROM merge_origins m WHERE m.source = o.source AND m.item_id = o.item_id)
                    """, [.text(absorbed)]) { row in
                    ownOrigins.append(RecordOrigin(source: row.text(0) ?? "", itemID: row.text(1) ?? ""))
                }
                try connection.run("UPDATE merges SET survivor = ?1 WHERE survivor = ?2", [.text(survivor), .text(absorbed)])
                try connection.run("DELETE FROM merge_survivors WHERE id = ?1", [.text(absorbed)])
                let entry = try Self.remember(own, as: absorbed, mergedInto: survivorRecord, rule: .manual, origins: ownOrigins, connection)
                try connection.run("UPDATE origins SET record_id = ?1 WHERE record_id = ?2", [.text(survivor), .text(absorbed)])
                let pair = Self.pair(survivor, absorbed)
                try connection.run("DELETE FROM merge_vetoes WHERE first = ?1 AND second = ?2", [.text(pair.0), .text(pair.1)])
                try DeferredIndexing.indexIfUnindexed(absorbed, connection)
                try connection.run("DELETE FROM records WHERE id = ?1", [.text(absorbed)])
                try rewrite(RecordMerge.merge(survivorRecord, with: absorbedRecord), connection)
                return entry
            }
        }
    }

    public func unmerge(_ absorbed: String, from survivor: String) throws -> String {
        try withWriter { connection in
            var found: (id: Int, json: String)?
            try connection.run("SELECT id, absorbed_json FROM merges WHERE survivor = ?1 AND absorbed = ?2",
                               [.text(survivor), .text(absorbed)]) { row in
                found = (row.int(0) ?? 0, row.text(1) ?? "{}")
            }
            guard let found else {
                if try !containsRecord(id: survivor) { throw try Self.unknownRecord(survivor, connection) }
                throw ArchivarError(path: survivor, "\(absorbed) was not merged into \(survivor)")
            }
            return try atomically(savepoint: "merge") { _ in
                let parted = try Record(json: JSONValue.parse(Data(found.json.utf8)))
                var origins: [RecordOrigin] = []
                try connection.run("SELECT source, item_id FROM merge_origins WHERE merge_id = ?1", [.integer(Int64(found.id))]) { row in
                    origins.append(RecordOrigin(source: row.text(0) ?? "", itemID: row.text(1) ?? ""))
                }
                try connection.run("DELETE FROM merges WHERE id = ?1", [.integer(Int64(found.id))])

                // The survivor first, so that the keys it gives up are free for the restored record.
                guard let merged = try Self.record(id: survivor, in: connection),
                      let own = try Self.ownVersion(of: survivor, connection) else {
                    throw ArchivarError(path: survivor, "the merge of \(absorbed) cannot be undone: the survivor's own version is missing")
                }
                let base = try rebuilt(own, survivor: survivor, connection)
                if try connection.integer("SELECT 1 FROM merges WHERE survivor = ?1", [.text(survivor)]) == nil {
                    try connection.run("DELETE FROM merge_survivors WHERE id = ?1", [.text(survivor)])
                }
                try rewrite(RecordMerge.takingBack(parted, from: merged, base: base), connection)

                var restored = parted
                restored.id = try Self.freeID(absorbed, connection)
                let first = origins.first ?? RecordOrigin(source: restored.source ?? "archivar", itemID: restored.id)
                _ = try upsert(restored, origin: first)
                for origin in origins.dropFirst() {
                    try connection.run("UPDATE origins SET record_id = ?1 WHERE source = ?2 AND item_id = ?3",
                                       [.text(restored.id), .text(origin.source), .text(origin.itemID)])
                }
                let pair = Self.pair(survivor, restored.id)
                try connection.run("INSERT OR IGNORE INTO merge_vetoes(first, second) VALUES (?1, ?2)", [.text(pair.0), .text(pair.1)])
                return restored.id
            }
        }
    }

    public func merges(of id: String) throws -> [MergeEntry] {
        try withWriter { connection in
            var entries: [MergeEntry] = []
            try connection.run("""
                SELECT survivor, absorbed, rule, merged_at FROM merges WHERE survivor = ?1 OR absorbed = ?1 ORDER BY id
                """, [.text(id)]) { row in
                entries.append(MergeEntry(survivor: row.text(0) ?? "", absorbed: row.text(1) ?? "",
                                          rule: MergeRule(name: row.text(2) ?? ""),
                                          date: Date(timeIntervalSince1970: row.double(3) ?? 0)))
            }
            return entries
        }
    }

    public func areKeptApart(_ first: String, _ second: String) throws -> Bool {
        let pair = Self.pair(first, second)
        return try withWriter { connection in
            try connection.integer("SELECT 1 FROM merge_vetoes WHERE first = ?1 AND second = ?2", [.text(pair.0), .text(pair.1)]) != nil
        }
    }

    // MARK: Storing

    /// An origin that delivered before delivers again: into the survivor's part it
    /// belongs to (an absorbed record's, or the survivor's own).
    private func storeAgain(_ incoming: Record, origin: RecordOrigin, into target: String, _ connection: Connection) throws -> StoreResult {
        var absorbed: (id: Int, name: String)?
        try connection.run("""
            SELECT m.id, m.absorbed FROM merge_origins o JOIN merges m ON m.id = o.merge_id
            WHERE o.source = ?1 AND o.item_id = ?2 AND m.survivor = ?3
            """, [.text(origin.source), .text(origin.itemID), .text(target)]) { row in
            absorbed = (row.int(0) ?? 0, row.text(1) ?? "")
        }
        if let absorbed {
            var version = incoming
            version.id = absorbed.name
            try connection.run("UPDATE merges SET absorbed_json = ?1 WHERE id = ?2",
                               [.text(version.json.canonicalText()), .integer(Int64(absorbed.id))])
            let stored = try Self.record(id: target, in: connection) ?? version
            return StoreResult(outcome: try upsert(RecordMerge.merge(stored, with: version), origin: origin), id: target)
        }
        var own = incoming
        own.id = target
        guard try Self.ownVersion(of: target, connection) != nil else {
            return StoreResult(outcome: try upsert(own, origin: origin), id: target)
        }
        try connection.run("UPDATE merge_survivors SET own_json = ?1 WHERE id = ?2", [.text(own.json.canonicalText()), .text(target)])
        return StoreResult(outcome: try upsert(rebuilt(own, survivor: target, connection), origin: origin), id: target)
    }

    /// A new origin's record merged into `survivor` by `rule`.
    private func absorb(_ incoming: Record, origin: RecordOrigin, into survivor: Record, rule: MergeRule,
                        _ connection: Connection) throws -> StoreResult {
        var version = incoming
        version.id = try Self.freeID(incoming.id, connection)
        let entry = try Self.remember(version, as: version.id, mergedInto: survivor, rule: rule, origins: [origin], connection)
        let outcome = try upsert(RecordMerge.merge(survivor, with: version), origin: origin)
        return StoreResult(outcome: outcome, id: survivor.id, merge: entry)
    }

    /// Writes the merge of `absorbed` (its record as it was) into `survivor` and the origins
    /// that delivered it; keeps the survivor's own version when this is its first merge.
    private static func remember(_ absorbed: Record, as id: String, mergedInto survivor: Record, rule: MergeRule,
                                 origins: [RecordOrigin], _ connection: Connection) throws -> MergeEntry {
        try connection.run("INSERT OR IGNORE INTO merge_survivors(id, own_json) VALUES (?1, ?2)",
                           [.text(survivor.id), .text(survivor.json.canonicalText())])
        let date = Date()
        try connection.run("""
            INSERT INTO merges(survivor, absorbed, rule, absorbed_json, merged_at) VALUES (?1, ?2, ?3, ?4, ?5)
            """, [.text(survivor.id), .text(id), .text(rule.name), .text(absorbed.json.canonicalText()),
                  .real(date.timeIntervalSince1970)])
        let mergeID = try connection.integer("SELECT last_insert_rowid()") ?? 0
        for origin in origins {
            try connection.run("INSERT OR REPLACE INTO merge_origins(merge_id, source, item_id) VALUES (?1, ?2, ?3)",
                               [.integer(Int64(mergeID)), .text(origin.source), .text(origin.itemID)])
        }
        return MergeEntry(survivor: survivor.id, absorbed: id, rule: rule, date: date)
    }

    /// The survivor made again from its own version and every absorbed record still merged
    /// into it, oldest merge first.
    private func rebuilt(_ own: Record, survivor: String, _ connection: Connection) throws -> Record {
        var parts: [String] = []
        try connection.run("SELECT absorbed_json FROM merges WHERE survivor = ?1 ORDER BY id", [.text(survivor)]) { row in
            parts.append(row.text(0) ?? "{}")
        }
        var result = own
        result.id = survivor
        for part in parts {
            result = RecordMerge.merge(result, with: try Record(json: JSONValue.parse(Data(part.utf8))))
        }
        return result
    }

    /// Stores a changed version of a record that is already stored, under an origin it has.
    private func rewrite(_ record: Record, _ connection: Connection) throws {
        var origin: RecordOrigin?
        try connection.run("SELECT source, item_id FROM origins WHERE record_id = ?1 LIMIT 1", [.text(record.id)]) { row in
            origin = RecordOrigin(source: row.text(0) ?? "", itemID: row.text(1) ?? "")
        }
        _ = try upsert(record, origin: origin ?? RecordOrigin(source: record.source ?? "archivar", itemID: record.id))
    }

    // MARK: Helpers

    private static func ownVersion(of survivor: String, _ connection: Connection) throws -> Record? {
        guard let json = try connection.text("SELECT own_json FROM merge_survivors WHERE id = ?1", [.text(survivor)]) else { return nil }
        return try Record(json: JSONValue.parse(Data(json.utf8)))
    }

    /// `wanted`, or a variant of it, that is neither a record's id nor an absorbed record's.
    private static func freeID(_ wanted: String, _ connection: Connection) throws -> String {
        try RecordIdentity.freeID(wanted) { id in
            try connection.integer("SELECT 1 FROM records WHERE id = ?1 UNION ALL SELECT 1 FROM merges WHERE absorbed = ?1",
                                   [.text(id)]) != nil
        }
    }

    /// The error for an id that names no record, saying where an absorbed one went.
    private static func unknownRecord(_ id: String, _ connection: Connection) throws -> ArchivarError {
        if let survivor = try connection.text("SELECT survivor FROM merges WHERE absorbed = ?1 ORDER BY id DESC", [.text(id)]) {
            return ArchivarError(path: id, "is not a record of its own: it was merged into \(survivor) (`archivar unmerge \(survivor) \(id)` undoes that)")
        }
        return ArchivarError(path: id, "no record has this id")
    }

    /// A pair of ids in a fixed order, as `merge_vetoes` keeps it.
    private static func pair(_ one: String, _ other: String) -> (String, String) {
        one < other ? (one, other) : (other, one)
    }
}
