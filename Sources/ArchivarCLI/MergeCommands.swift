import ArchivarCore
import ArchivarStore
import Foundation

extension CommandHelp {
    static let merge = CommandHelp(
        name: "merge", usage: "merge ID ABSORBED",
        summary: "Merge the record ABSORBED into the record ID, for duplicates the rules missed: ID keeps the richer "
            + "value of each field, and later harvests and imports of ABSORBED's origins land in ID. "
            + "`archivar unmerge ID ABSORBED` undoes it.",
        options: [], valued: [])
    static let unmerge = CommandHelp(
        name: "unmerge", usage: "unmerge ID [ABSORBED]",
        summary: "Undo a merge: the absorbed record becomes a record of its own again, both as they were before the merge, "
            + "and the dedupe rules never merge the two again. ABSORBED may be left out when ID was absorbed, "
            + "or when only one record was merged into ID.",
        options: [], valued: [])
}

extension Commands {
    /// `merge ID ABSORBED`: one transaction.
    func merge(_ arguments: Arguments) async throws -> Int32 {
        guard arguments.positional.count == 2 else {
            throw UsageError("merge needs two record ids: the record that stays, then the record merged into it")
        }
        let (survivor, absorbed) = (arguments.positional[0], arguments.positional[1])
        let catalog = try workspace.openCatalog()
        _ = try await catalog.transaction { try catalog.merge(absorbed, into: survivor) }
        print("Merged \(absorbed) into \(survivor); `archivar unmerge \(survivor) \(absorbed)` undoes it.")
        return 0
    }

    /// `unmerge ID [ABSORBED]`: one transaction.
    func unmerge(_ arguments: Arguments) async throws -> Int32 {
        guard (1...2).contains(arguments.positional.count) else {
            throw UsageError("unmerge needs a record id, and the id of the record merged into it when there were several")
        }
        let catalog = try workspace.openCatalog()
        let (survivor, absorbed) = try mergeToUndo(arguments.positional, in: catalog)
        let restored = try await catalog.transaction { try catalog.unmerge(absorbed, from: survivor) }
        print("Unmerged \(absorbed) from \(survivor): both are records of their own again, and the rules keep them apart.")
        if restored != absorbed {
            print("Another record has taken the id \(absorbed) meanwhile: the restored record is \(restored).")
        }
        return 0
    }

    /// The survivor and absorbed id of the merge `ids` name: both given; else the merge
    /// that absorbed the one id given; else the only merge into it.
    private func mergeToUndo(_ ids: [String], in catalog: Catalog) throws -> (survivor: String, absorbed: String) {
        let id = ids[0]
        if ids.count == 2 { return (id, ids[1]) }
        let merges = try catalog.merges(of: id)
        if let merge = merges.last(where: { $0.absorbed == id }), try !catalog.containsRecord(id: id) {
            return (merge.survivor, id)
        }
        let into = merges.filter { $0.survivor == id }
        if into.count == 1 { return (id, into[0].absorbed) }
        guard try catalog.containsRecord(id: id) else { throw ArchivarError(path: id, "no record has this id") }
        guard !into.isEmpty else { throw ArchivarError(path: id, "nothing was merged into this record") }
        let choices = into.map { "  archivar unmerge \(id) \($0.absorbed)    (\($0.rule), \(DateText.rfc3339($0.date)))" }
        throw ArchivarError(path: id, "\(into.count) records were merged into it; name the one to take out:\n"
                            + choices.joined(separator: "\n"))
    }
}
