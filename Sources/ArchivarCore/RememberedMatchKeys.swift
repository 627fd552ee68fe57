/// A record's match keys (`RecordIdentity.matchKeys`) kept beside it with the fields they
/// were made from, so that the stages a record passes through compute them once: dedupe
/// makes them, the catalog indexes the stored record under them. They hold only while those
/// fields are unchanged: a merge, a librarian's edit or a first-seen date that gives the
/// record its year makes `keys(for:)` answer nil, and the keys are computed again.
///
/// A note beside the record, like `SanitizedMark`: records compare and hash equal whatever
/// it holds, and it is never written out.
struct RememberedMatchKeys: Sendable, Hashable {
    /// The fields `RecordIdentity.matchKeys` reads (through `doi`, `ownISBNs`, `link`, `workKey`).
    private static let inputFields = ["DOI", "ISBN", "type", "link", "kind", "title", "issued", "published", "author", "editor"]

    private var inputs: [JSONValue?] = []
    private var keys: [(rule: MergeRule, key: String)] = []

    /// Remembers `keys`, made from `record` as it is now.
    init(_ keys: [(rule: MergeRule, key: String)], of record: Record) {
        self.keys = keys
        inputs = Self.inputFields.map { record[$0] }
    }

    /// Nothing remembered.
    init() {}

    /// The remembered keys when `record` still has the fields they were made from.
    func keys(for record: Record) -> [(rule: MergeRule, key: String)]? {
        guard !inputs.isEmpty else { return nil }
        for (field, input) in zip(Self.inputFields, inputs) where record[field] != input { return nil }
        return keys
    }

    static func == (_: RememberedMatchKeys, _: RememberedMatchKeys) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

extension Record {
    /// Computes the record's match keys (or takes those remembered) and remembers them, for
    /// the stages after this one; see `RecordIdentity.matchKeys(for:)`.
    public mutating func rememberMatchKeys() -> [(rule: MergeRule, key: String)] {
        let keys = RecordIdentity.matchKeys(for: self)
        rememberedMatchKeys = RememberedMatchKeys(keys, of: self)
        return keys
    }
}
