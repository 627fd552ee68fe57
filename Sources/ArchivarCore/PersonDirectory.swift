/// Every person and institution in the catalog, for author pages and author search.
/// Built from all records at once, it resolves initials:
/// "J. Fischer" is "Jörg Fischer" when he is the only Fischer whose given name starts
/// with J, or, among several, the only one who shares co-authors with this J. Fischer.
/// Otherwise "J. Fischer" stays a person of their own.
public struct PersonDirectory: Sendable {
    /// What the catalog says about one key.
    private struct Entry: Sendable {
        /// Each spelling (as a name) and how often it occurs.
        var spellings: [Name: Int] = [:]
        /// The `coauthorKey`s of everyone this person wrote or edited with.
        var coauthors: Set<String> = []
    }

    private var entries: [PersonKey: Entry] = [:]
    /// Full-name keys (given name written out) by family name: the candidates for initials.
    private var fullNamesByFamily: [String: [PersonKey]] = [:]
    /// Page names by key, unique among all keys.
    private var slugs: [PersonKey: String] = [:]

    /// The directory of `records`.
    public init(records: some Sequence<Record>) {
        for record in records { add(record) }
        slugs = Self.uniqueSlugs(for: entries.keys)
    }

    /// The directory of every record in `catalog`, read as a stream.
    public init(catalog: some CatalogReader) throws {
        try catalog.forEachRecord { add($0) }
        slugs = Self.uniqueSlugs(for: entries.keys)
    }

    private mutating func add(_ record: Record) {
        let named = (record.authors + record.editors).compactMap { name in PersonKey(name).map { (name, $0) } }
        let coauthors = Set(named.map(\.1.coauthorKey))
        for (name, key) in named {
            if entries[key] == nil, !key.givenIsAbbreviated, !key.given.isEmpty, !key.isInstitution {
                fullNamesByFamily[key.family, default: []].append(key)
            }
            entries[key, default: Entry()].spellings[name, default: 0] += 1
            entries[key]?.coauthors.formUnion(coauthors.subtracting([key.coauthorKey]))
        }
    }

    /// The person `name` stands for in `record`: its own key, or for initials the one
    /// full name they resolve to (see the type's description). Nil for a name without letters.
    public func key(for name: Name, in record: Record) -> PersonKey? {
        guard let key = PersonKey(name) else { return nil }
        return resolved(key, in: record)
    }

    /// The people of `record` (authors, then editors), initials resolved, without duplicates.
    public func keys(for record: Record) -> [PersonKey] {
        var seen: Set<PersonKey> = []
        return record.personKeys.map { resolved($0, in: record) }.filter { seen.insert($0).inserted }
    }

    /// The spelling to show for `key`: the most frequent one, preferring proper case and
    /// umlauts ("Jörg Fischer" over "FISCHER, Joerg") among equally frequent ones.
    public func preferredName(for key: PersonKey) -> Name? {
        entries[key].flatMap { Self.preferredSpelling(among: $0.spellings) }
    }

    /// The spelling to show among `spellings` (each with how often it occurs), chosen as
    /// `preferredName(for:)` chooses.
    public static func preferredSpelling(among spellings: [Name: Int]) -> Name? {
        spellings.max { a, b in
            (a.value, quality(of: a.key), b.key.inverted) < (b.value, quality(of: b.key), a.key.inverted)
        }?.key
    }

    /// The page name of `key` (`fischer-joerg`), unique in the directory: when two keys
    /// fold to the same slug, the one sorting later gets `-2`, `-3`, ….
    public func slug(for key: PersonKey) -> String {
        slugs[key] ?? key.slug
    }

    // MARK: Resolving initials

    private func resolved(_ key: PersonKey, in record: Record) -> PersonKey {
        guard key.givenIsAbbreviated, let family = fullNamesByFamily[key.family] else { return key }
        let candidates = family.filter { key.abbreviates($0) }
        if candidates.count == 1 { return candidates[0] }
        guard candidates.count > 1 else { return key }
        let context = Set(record.personKeys.map(\.coauthorKey)).subtracting([key.coauthorKey])
        let scored = candidates.map { candidate in
            (candidate, entries[candidate]?.coauthors.intersection(context).count ?? 0)
        }
        guard let best = scored.map(\.1).max(), best > 0 else { return key }
        let winners = scored.filter { $0.1 == best }
        return winners.count == 1 ? winners[0].0 : key
    }

    /// Mixed case beats all capitals; letters beyond ASCII (umlauts) beat transliterations.
    private static func quality(of name: Name) -> Int {
        let text = name.displayName
        let mixedCase = text != text.uppercased() ? 2 : 0
        return mixedCase + (text.unicodeScalars.contains { !$0.isASCII } ? 1 : 0)
    }

    private static func uniqueSlugs(for keys: some Sequence<PersonKey>) -> [PersonKey: String] {
        var slugs: [PersonKey: String] = [:]
        var taken: Set<String> = []
        for key in keys.sorted() {
            var slug = key.slug
            var number = 1
            while taken.contains(slug) {
                number += 1
                slug = "\(key.slug)-\(number)"
            }
            taken.insert(slug)
            slugs[key] = slug
        }
        return slugs
    }
}
