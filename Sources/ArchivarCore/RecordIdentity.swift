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

    /// The keys under which two records count as the same work or item:
    /// DOI, ISBN, link, and normalized title + year + first creator.
    public static func duplicateKeys(for record: Record) -> [String] {
        var keys: [String] = []
        if let doi = record.doi?.lowercased(), !doi.isEmpty { keys.append("doi:" + doi) }
        if let isbn = record.isbn {
            let digits = isbn.filter { $0.isNumber || $0 == "X" || $0 == "x" }
            if digits.count == 10 || digits.count == 13 { keys.append("isbn:" + digits.uppercased()) }
        }
        if let link = record.link, !link.isEmpty { keys.append("link:" + link) }
        if let title = record.title, let year = record.year {
            let creator = record.creators.first.map { TextFolding.matchKey($0.sortName) } ?? ""
            keys.append("work:\(TextFolding.matchKey(title))|\(year)|\(creator)")
        }
        return keys
    }

    private static let stopWords: Set<String> = [
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "und", "oder",
        "fuer", "mit", "von", "vom", "zur", "zum", "auf", "aus", "bei", "the", "and", "for", "with",
    ]
}
