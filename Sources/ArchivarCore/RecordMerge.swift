/// Merging two records of the same work (SPEC §3): the merge keeps the richer value
/// of each field; the first record's id, kind and source stay.
public enum RecordMerge {
    /// Fields that identify the stored record and never come from the other one.
    static let kept: Set<String> = ["kind", "source", "hash", "updated", "published-is-first-seen"]

    public static func merge(_ existing: Record, with incoming: Record) -> Record {
        var merged = existing
        for (field, value) in incoming.fields where !kept.contains(field) {
            guard let current = existing[field] else {
                merged[field] = value
                continue
            }
            if richness(value) > richness(current) { merged[field] = value }
        }
        return merged
    }

    /// How much a value says: text length, element count, or fields of an object.
    static func richness(_ value: JSONValue) -> Int {
        switch value {
        case .null: return 0
        case .bool, .number: return 1
        case .string(let text): return text.count
        case .array(let items): return items.reduce(items.count * 1000) { $0 + richness($1) }
        case .object(let object): return object.values.reduce(object.count * 1000) { $0 + richness($1) }
        }
    }
}
