import ArchivarCore

/// The rules of the CSL-JSON schema (citation-style-language/schema, csl-data.json v1.0.2)
/// that an exporter can break, checked by hand: no schema file ships in a package here.
/// Shared by the writer's unit tests and the end-to-end export tests.
public enum CSLSchemaRules {
    static let types: Set<String> = [
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
        "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
        "entry-encyclopedia", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
        "manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
        "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
        "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
    ]
    static let nameFields: Set<String> = [
        "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
        "curator", "director", "editor", "editorial-director", "executive-producer", "interviewer",
        "illustrator", "organizer", "original-author", "performer", "producer", "recipient",
        "reviewed-author", "translator",
    ]
    static let dateFields: Set<String> = [
        "accessed", "available-date", "container", "event-date", "issued", "original-date", "submitted",
    ]
    static let stringOrNumberFields: Set<String> = [
        "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
        "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part",
        "printing", "supplement", "volume",
    ]
    static let stringFields: Set<String> = [
        "language", "journalAbbreviation", "shortTitle", "abstract", "annote", "archive", "archive_collection",
        "archive_location", "archive-place", "authority", "call-number", "citation-label", "collection-title",
        "container-title", "container-title-short", "dimensions", "division", "DOI", "event", "event-place",
        "genre", "ISAN", "ISBN", "ISCI", "ISMN", "ISRC", "ISSN", "ISWC", "jurisdiction", "keyword", "medium",
        "note", "original-publisher", "original-publisher-place", "original-title", "part-title", "PMCID",
        "PMID", "publisher", "publisher-place", "references", "reviewed-title", "scale", "section", "source",
        "status", "title", "title-short", "translated-title", "translated-title-short", "URL", "version",
        "year-suffix",
    ]
    static let nameKeys: Set<String> = [
        "family", "given", "dropping-particle", "non-dropping-particle", "suffix", "comma-suffix",
        "static-ordering", "literal", "parse-names",
    ]

    /// What is wrong with one item; empty when the schema accepts it.
    public static func violations(_ item: [String: JSONValue]) -> [String] {
        var found: [String] = []
        guard case .string(let type)? = item["type"], types.contains(type) else { return ["type missing or not in the enum"] }
        switch item["id"] {
        case .string?, .number?: break
        default: found.append("id missing")
        }
        for (key, value) in item where !["id", "type"].contains(key) {
            switch (key, value) {
            case ("custom", .object), ("categories", .array): continue
            case (_, .string) where stringFields.contains(key) || stringOrNumberFields.contains(key): continue
            case (_, .number) where stringOrNumberFields.contains(key): continue
            case (_, .array(let names)) where nameFields.contains(key):
                if !names.allSatisfy(isName) { found.append("\(key): not a list of name objects") }
            case (_, .object(let date)) where dateFields.contains(key):
                if !isDate(date) { found.append("\(key): not a date object") }
            default: found.append("\(key): not allowed here")
            }
        }
        return found
    }

    private static func isName(_ value: JSONValue) -> Bool {
        guard let object = value.object else { return false }
        return object.keys.allSatisfy(nameKeys.contains)
    }

    private static func isDate(_ date: [String: JSONValue]) -> Bool {
        guard date.keys.allSatisfy(["date-parts", "season", "circa", "literal", "raw", "edtf"].contains) else { return false }
        guard let parts = date["date-parts"] else { return true }
        guard let ranges = parts.array, (1...2).contains(ranges.count) else { return false }
        return ranges.allSatisfy { ($0.array.map { (1...3).contains($0.count) && $0.allSatisfy { $0.integer != nil } }) ?? false }
    }
}
