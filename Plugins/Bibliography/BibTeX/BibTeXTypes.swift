import ArchivarCore

/// Entry types of BibTeX and biblatex and the CSL types they stand for, both ways.
/// Reading accepts every standard spelling; writing picks one per CSL type so that
/// reading it back gives the same CSL type (`entrysubtype` carries what the entry
/// type cannot, e.g. `magazine` for `article-magazine`).
enum BibTeXTypes {
    /// The CSL type of an entry; `subtype` is the entry's `entrysubtype` field.
    static func cslType(entryType: String, subtype: String?) -> String {
        let type = readTypes[entryType] ?? "document"
        guard let subtype = subtype?.lowercased() else { return type }
        if type == "article-journal", subtype == "magazine" || subtype == "newspaper" { return "article-\(subtype)" }
        if type == "document", cslTypes.contains(subtype) { return subtype }
        return type
    }

    /// The entry type and `entrysubtype` to write for a record. The `genre` tells a
    /// master's thesis from a doctoral one; a book with editors only is a `@collection`
    /// and a chapter without editors an `@inbook`, as biber's data model requires.
    static func entryType(for record: Record) -> (type: String, subtype: String?) {
        switch record.type {
        case "article-magazine": return ("article", "magazine")
        case "article-newspaper": return ("article", "newspaper")
        case "thesis": return (record.text("genre") == mastersThesisGenre ? "mastersthesis" : "phdthesis", nil)
        case "book" where record.authors.isEmpty && !record.editors.isEmpty: return ("collection", nil)
        case "chapter" where record.editors.isEmpty: return ("inbook", nil)
        default:
            if let type = writeTypes[record.type] { return (type, nil) }
            return ("misc", record.type)
        }
    }

    /// The `genre` a `@mastersthesis` without a `type` field gets, so that it is written back as one.
    static let mastersThesisGenre = "Master's thesis"

    /// CSL 1.0.2 item types that `@misc` can carry in `entrysubtype`.
    private static let cslTypes: Set<String> = [
        "article", "bill", "broadcast", "classic", "collection", "entry", "entry-dictionary", "entry-encyclopedia",
        "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "map", "motion_picture",
        "musical_score", "performance", "personal_communication", "post", "post-weblog", "regulation", "review",
        "review-book", "song", "speech", "standard", "treaty",
    ]

    private static let readTypes: [String: String] = [
        "article": "article-journal", "periodical": "periodical",
        "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book", "proceedings": "book",
        "mvproceedings": "book", "reference": "book", "mvreference": "book",
        "booklet": "pamphlet",
        "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter", "suppbook": "chapter",
        "suppcollection": "chapter", "inreference": "chapter",
        "inproceedings": "paper-conference", "conference": "paper-conference",
        "manual": "report", "techreport": "report", "report": "report",
        "mastersthesis": "thesis", "phdthesis": "thesis", "thesis": "thesis",
        "unpublished": "manuscript",
        "online": "webpage", "electronic": "webpage", "www": "webpage",
        "misc": "document", "dataset": "dataset", "software": "software", "patent": "patent",
    ]

    private static let writeTypes: [String: String] = [
        "article-journal": "article", "book": "book", "pamphlet": "booklet", "chapter": "incollection",
        "paper-conference": "inproceedings", "report": "techreport", "manuscript": "unpublished",
        "webpage": "online", "document": "misc", "dataset": "dataset", "software": "software", "patent": "patent",
        "periodical": "periodical",
    ]
}
