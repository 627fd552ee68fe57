/// Which RIS tags carry which CSL-JSON text fields, for reading and writing alike.
/// Spec: RIS format specification, "Tags"; Zotero's RIS translator for the variants.
enum RISTags {
    /// Tags holding one CSL text field each, in the order they are written.
    static let textFields: [(tag: String, field: String)] = [
        ("TI", "title"), ("T3", "collection-title"), ("AB", "abstract"), ("CY", "publisher-place"),
        ("ET", "edition"), ("VL", "volume"), ("IS", "issue"), ("LA", "language"), ("PB", "publisher"),
        ("DO", "DOI"), ("UR", "URL"),
    ]

    /// Older or tool-specific tags read like the standard one; the standard tag wins when both occur.
    static let aliases: [String: [String]] = [
        "TI": ["T1", "CT"], "AB": ["N2"], "UR": ["L1", "L2"], "AU": ["A1"], "PY": ["Y1"],
    ]

    /// Tags whose long values exporters wrap onto untagged lines; the value goes on there.
    static let continuable: Set<String> = [
        "TI", "T1", "CT", "T2", "T3", "BT", "JF", "JO", "JA", "AB", "N2", "N1", "KW", "PB", "CY",
    ]

    /// Continuable tags whose line breaks are kept (paragraphs, one keyword per line).
    static let multiline: Set<String> = ["AB", "N2", "N1", "KW"]

    /// CSL types whose lone `SP` is the number of pages, not a page (a whole journal
    /// issue, `JFULL`, has no page of its own either).
    static let pageCountTypes: Set<String> = ["book", "thesis", "periodical"]

    /// CSL types whose `genre` (a thesis's or report's kind) is the `M3` "type of work",
    /// as Zotero reads it; other types leave `M3` alone (Zotero writes DOIs there).
    static let genreTypes: Set<String> = ["thesis", "report", "webpage", "post-weblog", "manuscript", "map", "interview", "speech"]

    /// The tag of a series number (`collection-number`), where Zotero keeps its
    /// `seriesNumber`: `M1` in books, `SV` in their chapters and conference papers.
    static func seriesNumberTag(for type: String) -> String? {
        switch type {
        case "book": "M1"
        case "chapter", "paper-conference": "SV"
        default: nil
        }
    }

    /// The tag and its aliases, the standard one first.
    static func spellings(of tag: String) -> [String] { [tag] + (aliases[tag] ?? []) }
}
