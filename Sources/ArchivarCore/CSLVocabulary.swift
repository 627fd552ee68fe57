/// The CSL 1.0.2 item types and variables, and which variables are not plain text
/// (name lists and dates): what validation, export and the librarian commands need to know.
/// Spec: CSL-JSON schema, citation-style-language/schema `schemas/input/csl-data.json` (v1.0.2).
public enum CSLVocabulary {
    /// Every item type the schema allows.
    public static let types: Set<String> = [
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
        "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
        "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
        "manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
        "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
        "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
    ]

    /// The types the institute's publications use most, for messages that list a few.
    public static let commonTypes = ["book", "chapter", "article-journal", "periodical", "report", "thesis", "paper-conference", "webpage"]

    /// Variables holding a list of name objects (`family`/`given` or `literal`).
    public static let nameVariables: Set<String> = [
        "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
        "curator", "director", "editor", "editorial-director", "executive-producer", "illustrator",
        "interviewer", "organizer", "original-author", "performer", "producer", "recipient",
        "reviewed-author", "translator",
    ]

    /// Variables holding a date object (`date-parts`).
    public static let dateVariables: Set<String> = [
        "accessed", "available-date", "event-date", "issued", "original-date", "submitted",
    ]

    /// Every item property the schema allows besides `id`, `type` and `custom`: the name
    /// and date variables and those holding text or a number (its `container` date, an
    /// oddity no tool writes, is left out).
    public static let variables: Set<String> = nameVariables.union(dateVariables).union([
        "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place",
        "authority", "call-number", "categories", "chapter-number", "citation-label",
        "citation-number", "collection-number", "collection-title", "container-title", "container-title-short",
        "dimensions", "division", "DOI", "edition", "event", "event-place",
        "first-reference-note-number", "genre", "ISBN", "ISSN", "issue", "journalAbbreviation",
        "jurisdiction", "keyword", "language", "locator", "medium", "note", "number", "number-of-pages",
        "number-of-volumes", "original-publisher", "original-publisher-place", "original-title", "page",
        "page-first", "part", "part-title", "PMCID", "PMID", "printing", "publisher", "publisher-place",
        "references", "reviewed-title", "scale", "section", "shortTitle", "status", "supplement", "title",
        "title-short", "translated-title", "translated-title-short", "URL", "version", "volume", "year-suffix",
    ])
}
