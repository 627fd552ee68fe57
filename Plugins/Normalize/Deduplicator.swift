import ArchivarCore
import Foundation

/// The `dedupe` stage: decides which stored record an incoming one belongs to.
///
/// - The same item from the same source again keeps the id it got the first time.
/// - Else the first stored record that shares a key (DOI, ISBN, link, then normalized
///   title + year + first creator; see `RecordIdentity.matchKeys`) is proposed as the
///   record to merge into, unless a conflicting DOI, ISBN or edition vetoes it
///   (`RecordIdentity.veto`) or a librarian's unmerge kept the two apart. The catalog
///   carries out the merge and remembers it (`CatalogWriter.store`).
/// - Else the record is new; an id taken by another work gets a suffix (`a`, `b`, …).
struct Deduplicator {
    let catalog: CatalogReader
    let source: String

    func resolve(_ record: Record) throws -> Record {
        var resolved = record
        if let earlier = try catalog.recordID(for: RecordOrigin(source: source, itemID: record.id)) {
            resolved.id = earlier
            return resolved
        }
        // Remembered in the record: the catalog indexes it under the same keys when it stores it.
        let keys = resolved.rememberMatchKeys()
        if let proposal = try proposal(for: record, keys: keys) {
            resolved.mergeProposal = proposal
            return resolved
        }
        resolved.id = try RecordIdentity.freeID(record.id) { id in
            try catalog.containsRecord(id: id) || !catalog.merges(of: id).isEmpty
        }
        return resolved
    }

    /// The merge for `record`, whose match keys are `keys`: the strongest key's stored record
    /// that nothing vetoes.
    private func proposal(for record: Record, keys: [(rule: MergeRule, key: String)]) throws -> MergeProposal? {
        var vetoed: Set<String> = []
        for (rule, key) in keys {
            guard let id = try catalog.recordID(matchingAny: [key]), !vetoed.contains(id) else { continue }
            guard let stored = try catalog.record(id: id), RecordIdentity.veto(merging: record, into: stored) == nil,
                  try !catalog.areKeptApart(id, record.id) else {
                vetoed.insert(id)
                continue
            }
            return MergeProposal(survivor: id, rule: rule)
        }
        return nil
    }
}
