import ArchivarCore
import ArchivarMarkup
import Foundation

/// Maps an `oai_dc` metadata element (unqualified Dublin Core) to a CSL-JSON record.
/// Spec: OAI-PMH 2.0 §6.2 (oai_dc schema); DCMI Metadata Terms; CSL-JSON schema.
enum DublinCoreRecord {
    static let elements = "http://purl.org/dc/elements/1.1/"

    /// The record for the item `identifier` of `source`. Its id is derived from the
    /// identifier, so a deleted header later withdraws the same id.
    static func record(_ metadata: MarkupNode, identifier: String, source: String) -> Record {
        let dc = DublinCoreValues(metadata)
        var record = Record(id: id(for: identifier, source: source))
        record["oai-identifier"] = .string(identifier)
        record.title = dc["title"].first
        record.authors = dc["creator"].map(Name.parse)
        let contributors = dc["contributor"].map(Name.parse)
        if !contributors.isEmpty { record["contributor"] = .array(contributors.map(\.json)) }
        record.issued = dc["date"].lazy.compactMap(issued).first
        record.type = dc["type"].lazy.compactMap(cslType).first ?? "document"
        for identifier in dc["identifier"] { apply(identifier: identifier, to: &record) }
        record.publisher = dc["publisher"].first
        record.abstract = dc["description"].isEmpty ? nil : dc["description"].joined(separator: "\n\n")
        record.setText("keyword", dc["subject"].joined(separator: ", "))
        record.language = dc["language"].first
        record.containerTitle = dc["source"].first { !looksLikeIdentifier($0) }
        record.link = record.url
        return record
    }

    /// The record id for an OAI identifier: the same for a record and its deletion.
    static func id(for identifier: String, source: String) -> String {
        RecordIdentity.feedItemID(source: source, guid: identifier)
    }

    /// `2016`, `2016-05`, `2016-05-03` or a full timestamp; the leading date parts count.
    static func issued(_ text: String) -> IssuedDate? {
        let parts = text.prefix(10).split(separator: "-").map { Int($0) }
        guard let year = parts.first ?? nil, (1000...2999).contains(year), parts.allSatisfy({ $0 != nil }) else { return nil }
        let month = parts.count > 1 ? parts[1] : nil
        let day = parts.count > 2 ? parts[2] : nil
        return IssuedDate(year: year, month: month, day: day)
    }

    /// A CSL type for a `dc:type` value: a DCMI type, an info:eu-repo/DRIVER type, or a
    /// common German or English word. Nil when the value says nothing bibliographic.
    static func cslType(_ text: String) -> String? {
        let word = (text.split(separator: "/").last.map(String.init) ?? text).lowercased()
            .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "")
        return typeTable[word]
    }

    private static let typeTable: [String: String] = [
        "book": "book", "monograph": "book", "monographie": "book", "buch": "book",
        "bookpart": "chapter", "chapter": "chapter", "bookchapter": "chapter", "part": "chapter",
        "buchbeitrag": "chapter", "sammelwerksbeitrag": "chapter",
        "article": "article-journal", "journalarticle": "article-journal", "contributiontoperiodical": "article-journal",
        "aufsatz": "article-journal", "zeitschriftenartikel": "article-journal", "review": "review",
        "report": "report", "workingpaper": "report", "researchreport": "report", "technicalreport": "report",
        "bericht": "report", "forschungsbericht": "report", "arbeitspapier": "report",
        "doctoralthesis": "thesis", "masterthesis": "thesis", "bachelorthesis": "thesis", "thesis": "thesis",
        "dissertation": "thesis", "habilitation": "thesis", "hochschulschrift": "thesis",
        "conferenceobject": "paper-conference", "conferencepaper": "paper-conference", "lecture": "speech",
        "conferenceproceedings": "book", "preprint": "article", "dataset": "dataset", "software": "software",
        "image": "graphic", "stillimage": "graphic", "movingimage": "motion_picture", "sound": "song",
        "website": "webpage", "interactiveresource": "webpage", "patent": "patent", "map": "map",
    ]

    /// Sorts one `dc:identifier` into DOI, ISBN, ISSN or URL.
    private static func apply(identifier: String, to record: inout Record) {
        let lowered = identifier.lowercased()
        if let doi = doi(identifier) {
            if record.doi == nil { record.doi = doi }
        } else if let isbn = value(identifier, after: ["urn:isbn:", "isbn:", "isbn "]) {
            if record.isbn == nil { record.isbn = isbn }
        } else if let issn = value(identifier, after: ["urn:issn:", "issn:", "issn "]) {
            if record.text("ISSN") == nil { record.setText("ISSN", issn) }
        } else if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            if record.url == nil { record.url = identifier }
        }
    }

    /// `doi:10.…`, `info:doi/10.…`, `https://doi.org/10.…` (or dx.doi.org), or a bare `10.…/…`.
    private static func doi(_ text: String) -> String? {
        let candidate = value(text, after: ["doi:", "info:doi/", "https://doi.org/", "http://doi.org/",
                                            "https://dx.doi.org/", "http://dx.doi.org/"]) ?? text
        return candidate.hasPrefix("10.") && candidate.contains("/") ? candidate : nil
    }

    /// The rest of `text` after the first of `prefixes` it starts with (any case).
    private static func value(_ text: String, after prefixes: [String]) -> String? {
        guard let prefix = prefixes.first(where: { text.lowercased().hasPrefix($0) }) else { return nil }
        let rest = text.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? nil : rest
    }

    /// A `dc:source` that is a URL, URN or DOI is not the title of a container.
    private static func looksLikeIdentifier(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["http://", "https://", "urn:", "doi:", "info:", "isbn", "issn"].contains { lowered.hasPrefix($0) } || doi(text) != nil
    }
}

/// The Dublin Core elements of one `oai_dc:dc`, cleaned text by element name.
private struct DublinCoreValues {
    private var values: [String: [String]] = [:]

    init(_ metadata: MarkupNode) {
        for element in metadata.elements where element.namespace == DublinCoreRecord.elements {
            let text = TextFolding.clean(element.text)
            if !text.isEmpty { values[element.name, default: []].append(text) }
        }
    }

    subscript(name: String) -> [String] { values[name] ?? [] }
}
