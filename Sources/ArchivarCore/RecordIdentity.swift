/// How records get their ids and how duplicates are recognised (SPEC §3).
public enum RecordIdentity {
    /// The id of a feed item: the source id plus a short hash of source and guid.
    /// Re-ingesting the same item always gives the same id.
    public static func feedItemID(source: String, guid: String) -> String {
        "\(source)-\(StableHash.hex(of: source + "\u{1F}" + guid).prefix(10))"
    }

    /// A citation key: first creator's family name, year, first significant title word
    /// (`fischer2016unbegleitete`). Collisions get `a`, `b`, … from the catalog.
    public static func citationKey(for record: Record) -> String {
        let creator = record.creators.first.map { TextFolding.matchKey($0.family ?? $0.sortName) } ?? ""
        let year = record.year.map(String.init) ?? ""
        let titleWord = (record.title ?? "")
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { TextFolding.matchKey(String($0)) }
            .first { $0.count > 2 && !stopWords.contains($0) } ?? ""
        let key = creator.prefix(30) + year + titleWord.prefix(30)
        return key.isEmpty ? "record" : String(key)
    }

    /// The item id under which a record, as its input delivered it (before the pipeline
    /// gives it an id), is remembered as an origin: the id the input gave it (a BibTeX
    /// key, a CSL-JSON id, a feed item's id), else its original id, else its citation key
    /// plus a short hash of its work key. The hash keeps two works of one keyless file
    /// (RIS, citation lines) apart when their citation keys collide; the same input
    /// always gives the same item id.
    public static func itemID(of record: Record) -> String {
        if !record.id.isEmpty { return record.id }
        if let original = record.text("original-id") { return original }
        return citationKey(for: record) + "-" + StableHash.hex(of: workKey(for: record) ?? record.title ?? "").prefix(8)
    }

    /// `wanted` when `taken` says it is free, else the first free of `wanted` + `a` … `z`,
    /// then `wanted-2`, `wanted-3`, …: how a citation key taken by another work is varied.
    public static func freeID(_ wanted: String, taken: (String) throws -> Bool) rethrows -> String {
        guard try taken(wanted) else { return wanted }
        for suffix in "abcdefghijklmnopqrstuvwxyz" where try !taken(wanted + String(suffix)) {
            return wanted + String(suffix)
        }
        var number = 2
        while try taken("\(wanted)-\(number)") { number += 1 }
        return "\(wanted)-\(number)"
    }

    /// The keys under which two records count as the same work or item, strongest first:
    /// DOI, ISBN (an ISBN-10 as its ISBN-13), link, then normalized title + year + first
    /// creator. `duplicateKeys(for:)` is the same list without the rules. Keys a stage
    /// remembered in the record (`Record.rememberMatchKeys`) are taken while they hold.
    public static func matchKeys(for record: Record) -> [(rule: MergeRule, key: String)] {
        if let remembered = record.rememberedMatchKeys.keys(for: record) { return remembered }
        var keys: [(rule: MergeRule, key: String)] = []
        if let doi = doi(of: record) { keys.append((.doi, "doi:" + doi)) }
        for isbn in ownISBNs(of: record).sorted() { keys.append((.isbn, "isbn:" + isbn)) }
        if let link = record.link, !link.isEmpty { keys.append((.link, "link:" + link)) }
        if let work = workKey(for: record) { keys.append((.titleYearCreator, work)) }
        return keys
    }

    /// The keys the catalog indexes a record under (see `matchKeys(for:)`).
    public static func duplicateKeys(for record: Record) -> [String] {
        matchKeys(for: record).map(\.key)
    }

    /// Why `incoming` must not merge into `stored` although a key matched: both have a DOI
    /// and they differ, both have ISBNs of their own and none is shared, or both name an
    /// edition and the editions differ. Nil when nothing speaks against the merge.
    public static func veto(merging incoming: Record, into stored: Record) -> String? {
        if let one = doi(of: incoming), let other = doi(of: stored), one != other {
            return "different DOIs (\(one), \(other))"
        }
        let incomingISBNs = ownISBNs(of: incoming), storedISBNs = ownISBNs(of: stored)
        if !incomingISBNs.isEmpty, !storedISBNs.isEmpty, incomingISBNs.isDisjoint(with: storedISBNs) {
            return "different ISBNs (\(incoming.isbn ?? ""), \(stored.isbn ?? ""))"
        }
        if let one = edition(of: incoming), let other = edition(of: stored), one != other {
            return "different editions (\(incoming.text("edition") ?? ""), \(stored.text("edition") ?? ""))"
        }
        return nil
    }

    // MARK: Normalized identifiers

    /// The DOI in its bare, lowercased form (DOIs are case-insensitive).
    static func doi(of record: Record) -> String? {
        guard let doi = record.doi else { return nil }
        let bare = RecordValidation.bareDOI(doi).lowercased()
        return bare.isEmpty ? nil : bare
    }

    /// The ISBNs that name the record itself, as digits: a valid one as ISBN-13, one with
    /// a wrong check digit as written (it still matches the same typo). The ISBN of a
    /// chapter or article names the book or journal it appeared in, so it is left out:
    /// two chapters of one book are not the same work.
    static func ownISBNs(of record: Record) -> Set<String> {
        guard !containedTypes.contains(record.type), let field = record.isbn else { return [] }
        return Set(StandardNumber.isbns(in: field).compactMap { checked in
            let digits = StandardNumber.compact(checked.written)
            guard digits.count == 10 || digits.count == 13, digits.dropLast().allSatisfy(\.isNumber) else { return nil }
            return checked.problem == nil ? isbn13(digits) : digits
        })
    }

    /// An ISBN-10's ISBN-13 (978 prefix, check digit recomputed); an ISBN-13 as it is.
    static func isbn13(_ digits: String) -> String {
        guard digits.count == 10 else { return digits }
        let stem = "978" + digits.prefix(9)
        return stem + String(StandardNumber.isbnCheckDigit(stem + "0") ?? "0")
    }

    /// The edition as a number when it states one (`2`, `2., durchgesehene Auflage`,
    /// `zweite`, `2nd`), else its folded text.
    static func edition(of record: Record) -> String? {
        guard let text = record.text("edition") else { return nil }
        let digits = text.prefix(while: \.isNumber)
        if !digits.isEmpty { return String(Int(digits) ?? 0) }
        let folded = TextFolding.matchKey(text)
        if let ordinal = ordinals.first(where: { folded.hasPrefix($0.key) }) { return String(ordinal.value) }
        return folded.isEmpty ? nil : folded
    }

    /// Normalized title + year + first creator, for publications that have all three.
    /// Feed items are matched by guid and link only: news titles repeat too often.
    static func workKey(for record: Record) -> String? {
        guard record.kind == RecordKind.publication, let title = record.title, let year = record.year,
              let creator = record.creators.first.map({ TextFolding.matchKey($0.sortName) }), !creator.isEmpty else { return nil }
        let folded = TextFolding.matchKey(title)
        return folded.isEmpty ? nil : "work:\(folded)|\(year)|\(creator)"
    }

    /// CSL types whose ISBN (or ISSN) belongs to the container they appeared in.
    static let containedTypes: Set<String> = [
        "chapter", "paper-conference", "entry", "entry-dictionary", "entry-encyclopedia",
        "article", "article-journal", "article-magazine", "article-newspaper", "review", "review-book",
    ]

    /// Ordinal words an edition may be written with (German and English, folded).
    private static let ordinals: [String: Int] = [
        "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4, "fuenfte": 5, "sechste": 6,
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    ]

    private static let stopWords: Set<String> = [
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "und", "oder",
        "fuer", "mit", "von", "vom", "zur", "zum", "auf", "aus", "bei", "the", "and", "for", "with",
    ]
}
