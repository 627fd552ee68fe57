/// How records get their `category` (SPEC §3), the institute's own grouping, when
/// neither the record nor its source names one: by record kind (press items are
/// "IKPE in der Presse"), else for publications by CSL type (books and journal issues
/// are "Monographien und Herausgeberschaften", chapters and articles "Beiträge in
/// Zeitschriften und Sammelwerken", reports and theses "Forschungsarbeiten und
/// Berichte"). `archivar.json` `categories` changes or removes single entries.
public struct CategoryMapping: Sendable, Equatable {
    /// The institute's four categories, as its publication list names them.
    public static let monographs = "Monographien und Herausgeberschaften"
    public static let contributions = "Beiträge in Zeitschriften und Sammelwerken"
    public static let research = "Forschungsarbeiten und Berichte"
    public static let press = "IKPE in der Presse"

    /// Category by record kind or CSL type.
    public private(set) var categories: [String: String]

    /// The institute's mapping.
    public static let standard = CategoryMapping(categories: Dictionary(uniqueKeysWithValues:
        [(RecordKind.press, press)]
        + ["book", "periodical", "classic"].map { ($0, monographs) }
        + ["chapter", "article", "article-journal", "article-magazine", "article-newspaper", "paper-conference",
           "entry", "entry-dictionary", "entry-encyclopedia", "review", "review-book", "post", "post-weblog"]
            .map { ($0, contributions) }
        + ["report", "thesis", "dataset", "manuscript", "pamphlet", "speech", "document", "webpage",
           "software", "standard"].map { ($0, research) }))

    /// Record kinds and CSL-JSON types (`CSLVocabulary.types`): the keys a mapping may have.
    public static let knownKeys: Set<String> = Set(RecordKind.all).union(CSLVocabulary.types)

    /// A mapping from kinds and types to categories.
    public init(categories: [String: String]) {
        self.categories = categories
    }

    /// The mapping with `changes` applied: a category sets the key's, nil removes it.
    public func changing(_ changes: [String: String?]) -> CategoryMapping {
        var result = self
        for (key, category) in changes { result.categories[key] = category }
        return result
    }

    /// The category for `record` by this mapping: its kind's, else (publications only)
    /// its type's; nil when neither is mapped.
    public func category(for record: Record) -> String? {
        if let byKind = categories[record.kind] { return byKind }
        guard record.kind == RecordKind.publication else { return nil }
        return categories[record.type]
    }

    /// `record` with the mapping's category when it has none of its own.
    public func categorized(_ record: Record) -> Record {
        guard record.category == nil, let category = category(for: record) else { return record }
        var categorized = record
        categorized.category = category
        return categorized
    }
}
