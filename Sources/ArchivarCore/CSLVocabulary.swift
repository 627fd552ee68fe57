/// The CSL 1.0.2 item types and the variables whose values are not plain text
/// (name lists and dates): what validation and the librarian commands need to know.
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
}
