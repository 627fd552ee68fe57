import ArchivarCore

/// Entry types of BibTeX and biblatex and the CSL types they stand for, both ways.
/// Reading accepts every standard spelling; writing picks one per CSL type so that
/// reading it back gives the same CSL type (`entrysubtype` carries what the entry
/// type cannot, e.g. `magazine` for `article-magazine`). Writing uses only the entry
/// types of classic BibTeX, which biber reads as well, so that `bibtex` with a
/// standard style (plain.bst) knows every entry.
enum BibTeXTypes {
    /// The CSL type of an entry; `subtype` is the entry's `entrysubtype` field.
    static func cslType(entryType: String, subtype: String?) -> String {
        let type = readTypes[entryType] ?? "document"
        guard let subtype = subtype?.lowercased() else { return type }
        if type == "article-journal", subtype == "magazine" || subtype == "newspaper" { return "article-\(subtype)" }
        if type == "book", subtype == "periodical" { return subtype }
        if type == "document", cslTypes.contains(subtype) { return subtype }
        return type
    }

    /// The entry type and `entrysubtype` to write for a record. The `genre` tells a
    /// master's thesis from a doctoral one. A journal issue edited as a whole is a
    /// `@book` by its editors (the standard styles sort and print it by them);
    /// types classic BibTeX lacks are a `@misc` with the CSL type as `entrysubtype`.
    static func entryType(for record: Record) -> (type: String, subtype: String?) {
        switch record.type {
        case "article-magazine": return ("article", "magazine")
        case "article-newspaper": return ("article", "newspaper")
        case "periodical": return ("book", "periodical")
        case "thesis": return (record.text("genre") == mastersThesisGenre ? "mastersthesis" : "phdthesis", nil)
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
        "review-book", "song", "speech", "standard", "treaty", "webpage", "dataset", "software", "patent",
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
        "document": "misc",
    ]
}
