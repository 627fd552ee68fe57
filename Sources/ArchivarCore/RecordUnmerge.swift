extension RecordMerge {
    /// The survivor of a merge without what the absorbed record brought into it: every
    /// field whose value came from `absorbed` (it equals the absorbed record's value and
    /// differs from `base`, the survivor rebuilt without that merge) goes back to its
    /// value in `base`. Fields changed since the merge, and the survivor's own values,
    /// stay as they are.
    public static func takingBack(_ absorbed: Record, from survivor: Record, base: Record) -> Record {
        var result = survivor
        for (field, value) in survivor.fields where !kept.contains(field) {
            if absorbed[field] == value, base[field] != value { result[field] = base[field] }
        }
        return result
    }
}
