/// The RIS reference types (`TY`) and their CSL-JSON types, both ways.
///
/// Where several RIS types mean one CSL type, the first one listed is written
/// (Zotero's own export codes). Spec: RIS format specification, "Reference Types".
enum RISTypes {
    /// RIS type, CSL type; the first pair for a CSL type is the one written.
    private static let pairs: [(ris: String, csl: String)] = [
        ("JOUR", "article-journal"), ("EJOUR", "article-journal"),
        ("ABST", "article-journal"), ("INPR", "article-journal"),
        ("JFULL", "periodical"),
        ("BOOK", "book"), ("EDBOOK", "book"), ("EBOOK", "book"), ("CLSWK", "book"),
        ("CHAP", "chapter"), ("ECHAP", "chapter"),
        ("RPRT", "report"), ("THES", "thesis"),
        ("CPAPER", "paper-conference"), ("CONF", "paper-conference"),
        ("ELEC", "webpage"), ("WEB", "webpage"), ("BLOG", "post-weblog"),
        ("NEWS", "article-newspaper"), ("MGZN", "article-magazine"),
        ("GEN", "document"), ("MANSCPT", "manuscript"), ("UNPB", "manuscript"),
        ("PAMP", "pamphlet"), ("DATA", "dataset"), ("COMP", "software"), ("MAP", "map"),
        ("PAT", "patent"), ("BILL", "bill"), ("CASE", "legal_case"), ("STAT", "legislation"),
        ("HEAR", "hearing"), ("PCOMM", "personal_communication"), ("ICOMM", "personal_communication"),
        ("ENCYC", "entry-encyclopedia"), ("DICT", "entry-dictionary"), ("STAND", "standard"),
        ("VIDEO", "motion_picture"), ("SOUND", "song"), ("ART", "graphic"), ("SLIDE", "speech"),
    ]

    private static let cslByRIS = Dictionary(pairs.map { ($0.ris, $0.csl) }, uniquingKeysWith: { first, _ in first })
    private static let risByCSL = Dictionary(pairs.map { ($0.csl, $0.ris) }, uniquingKeysWith: { first, _ in first })

    /// The CSL type of a RIS type code; unknown codes read as `document`.
    static func cslType(_ code: String) -> String { cslByRIS[code.uppercased()] ?? "document" }

    /// The RIS type code for a CSL type; types RIS has no code for are written as `GEN`.
    static func risType(_ type: String) -> String { risByCSL[type] ?? "GEN" }
}
