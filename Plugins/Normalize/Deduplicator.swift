import ArchivarCore
import Foundation

/// Finds the stored record an incoming one belongs to: the one this source's item
/// became before, else one with the same DOI, ISBN, link or title + year + creator.
/// A citation key taken by another work gets a suffix (`a`, `b`, …).
struct Deduplicator {
    let catalog: CatalogReader
    let source: String

    func resolve(_ record: Record) throws -> Record {
        if let earlier = try catalog.recordID(for: RecordOrigin(source: source, itemID: record.id)) {
            return try merged(record, into: earlier)
        }
        if let match = try catalog.recordID(matchingAny: RecordIdentity.duplicateKeys(for: record)) {
            return try merged(record, into: match)
        }
        guard try catalog.containsRecord(id: record.id) else { return record }
        var renamed = record
        for suffix in "abcdefghijklmnopqrstuvwxyz" {
            renamed.id = record.id + String(suffix)
            if try !catalog.containsRecord(id: renamed.id) { return renamed }
        }
        renamed.id = record.id + "-" + StableHash.hex(of: record.contentHash()).prefix(6)
        return renamed
    }

    /// The same item from the same source replaces its earlier version; a record
    /// from elsewhere merges into the stored one, richer value per field.
    private func merged(_ record: Record, into id: String) throws -> Record {
        guard let stored = try catalog.record(id: id) else { return record }
        if stored.source == source {
            var replacement = record
            replacement.id = id
            return replacement
        }
        return RecordMerge.merge(stored, with: record)
    }
}
