import ArchivarCore
import Foundation

/// Reads a BibTeX or biblatex file into CSL-JSON records.
///
/// Entry keys that are usable citation keys (compared lowercased, as BibTeX compares
/// them) become record ids; other keys are kept in `original-id` and the pipeline
/// assigns a key. `crossref` fills in what an entry lacks from the entry it names
/// (the parent's `title` becomes the `booktitle` of a chapter), except the parent's
/// own identifiers (ISBN, DOI, URL), pages, abstract and notes, so that a chapter
/// never looks like a duplicate of its book. Fields without a CSL counterpart are
/// kept under their BibTeX name. `and others` sets `author-et-al` / `editor-et-al`.
public enum BibTeXReader {
    /// The records of every readable entry, and one problem per broken entry (or one for
    /// a file without any entry).
    public static func read(_ data: Data, path: String) -> (records: [Record], problems: [Problem]) {
        let decoded = BibliographyText.decode(data)
        var problems = decoded.note.map { [$0] } ?? []
        let parsed = BibTeXParser.parse(Array(decoded.text.utf8))
        problems += parsed.problems
        if parsed.entries.isEmpty, parsed.problems.isEmpty {
            problems.append(Problem("\(path) holds no BibTeX entry (“@type{key, field = {…}}”)"))
        }
        let byKey = Dictionary(parsed.entries.map { ($0.key.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var records: [Record] = []
        records.reserveCapacity(parsed.entries.count)
        for var entry in parsed.entries {
            if let reference = entry.fields.removeValue(forKey: "crossref").map(LaTeXText.decode) {
                if let parent = byKey[reference.lowercased()] {
                    entry.fields = inherited(entry, from: parent)
                } else {
                    problems.append(.note(line: entry.line, "entry “\(entry.key)”: crossref “\(reference)” names no entry in this file"))
                }
            }
            records.append(record(from: entry))
        }
        return (records, problems)
    }

    /// Parent fields that describe the parent work itself and are not inherited.
    private static let notInherited: Set<String> = [
        "title", "subtitle", "shorttitle", "crossref", "ids", "entrysubtype", "isbn", "doi", "url", "pages",
        "abstract", "note", "keywords", "pagetotal",
    ]

    private static func inherited(_ child: BibTeXEntry, from parent: BibTeXEntry) -> [String: String] {
        var fields = child.fields
        if fields["booktitle"] == nil, let title = parent.fields["title"] {
            fields["booktitle"] = parent.fields["subtitle"].map { "\(title). \($0)" } ?? title
        }
        for (name, value) in parent.fields where fields[name] == nil && !notInherited.contains(name) {
            fields[name] = value
        }
        return fields
    }

    /// Fields read without LaTeX decoding (identifiers and addresses).
    private static let verbatim: Set<String> = ["url", "doi", "eprint", "file", "urlraw"]

    private static func record(from entry: BibTeXEntry) -> Record {
        var fields = entry.fields
        func take(_ names: String...) -> String? {
            for name in names {
                if let raw = fields.removeValue(forKey: name) {
                    let value = verbatim.contains(name) ? LaTeXText.collapsingWhitespace(raw).replacingOccurrences(of: " ", with: "")
                        : LaTeXText.decode(raw)
                    if !value.isEmpty { return value }
                }
            }
            return nil
        }
        var record = Record()
        let key = entry.key.lowercased()
        if CSLJSONReader.isCitationKey(key) {
            record.id = key
        } else if !entry.key.isEmpty {
            record["original-id"] = .string(entry.key)
        }
        record.type = BibTeXTypes.cslType(entryType: entry.type, subtype: take("entrysubtype"))
        let title = take("title")
        let subtitle = take("subtitle")
        record.title = subtitle.map { [title, $0].compactMap { $0 }.joined(separator: ". ") } ?? title
        record.setText("title-short", take("shorttitle"))
        for (field, name) in [("author", "author"), ("editor", "editor"), ("translator", "translator")] {
            guard let raw = fields.removeValue(forKey: field) else { continue }
            let list = BibTeXNames(raw: raw)
            record[name] = list.names.isEmpty ? nil : .array(list.names.map(\.json))
            if list.etAl { record["\(name)-et-al"] = .bool(true) }
        }
        let month = take("month")
        record.issued = BibTeXDate.issued(year: take("year"), month: month, day: take("day"), date: take("date"))
        if let month, BibTeXDate.month(month) == nil { record.setText("month", month) }
        if let urldate = take("urldate"), let accessed = BibTeXDate.issued(year: nil, month: nil, day: nil, date: urldate) {
            record["accessed"] = accessed.json
        }
        record.containerTitle = take("journal", "journaltitle", "booktitle")
        record.setText("collection-title", take("series"))
        record.setText("volume", take("volume"))
        record.setText("edition", take("edition"))
        record.setText("page", take("pages").map(pageRange))
        record.setText("number-of-pages", take("pagetotal"))
        record.setText("chapter-number", take("chapter"))
        let number = take("number")
        let numberField = record.type.hasPrefix("article") ? "issue"
            : record.type == "report" ? "number"
            : record.text("collection-title") != nil ? "collection-number" : "number"
        record.setText(numberField, number)
        record.publisher = take("publisher", "school", "institution", "organization")
        record.publisherPlace = take("address", "location")
        record.setText("genre", take("type") ?? (entry.type == "mastersthesis" ? BibTeXTypes.mastersThesisGenre : nil))
        record.isbn = take("isbn")
        record.setText("ISSN", take("issn"))
        record.doi = take("doi").map(bareDOI)
        record.url = take("url")
        record.abstract = take("abstract")
        record.setText("keyword", take("keywords"))
        record.setText("note", take("note"))
        record.language = take("langid", "language").map(BibTeXLanguage.tag)
        for name in fields.keys.sorted() {
            record.setText(name, take(name))
        }
        return record
    }

    /// `12--34` (read as `12–34`) → `12-34`, the CSL form.
    private static func pageRange(_ pages: String) -> String {
        pages.replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
    }

    /// `https://doi.org/10.1/x` or `doi:10.1/x` → `10.1/x`.
    private static func bareDOI(_ doi: String) -> String {
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
        where doi.lowercased().hasPrefix(prefix) {
            return String(doi.dropFirst(prefix.count))
        }
        return doi
    }
}
