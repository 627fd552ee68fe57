import ArchivarCore
import Foundation

/// Reads a BibTeX or biblatex file into CSL-JSON records, one entry at a time: `next()`
/// parses the next entry and hands out its record (or its problem) before reading on, so
/// only the file's bytes, its keys and the entry at hand are in memory (and the parents
/// `crossref`s named).
///
/// Entry keys that are usable citation keys (compared lowercased, as BibTeX compares
/// them) become record ids; other keys are kept in `original-id` and the pipeline
/// assigns a key. `crossref` fills in what an entry lacks from the entry it names,
/// before or after it in the file (the parent's `title` becomes the `booktitle` of a
/// chapter), except the parent's own identifiers (ISBN, DOI, URL), pages, abstract and
/// notes, so that a chapter never looks like a duplicate of its book. Fields without a
/// CSL counterpart are kept under their BibTeX name. `and others` sets `author-et-al` /
/// `editor-et-al`.
public struct BibTeXReader {
    /// What `next()` hands out, in the order of the file.
    public enum Item: Sendable {
        /// A readable entry's record.
        case record(Record)
        /// A broken entry (the record is left out), or a note on one that was kept.
        case problem(Problem)
    }

    private var parser: BibTeXParser
    private let path: String
    /// Items of the last entry read (its note, its record, records that waited for it), in order.
    private var ready: [Item] = []
    private var handedOut = 0
    /// Entries whose crossref parent comes later and cannot be read before the parser
    /// gets there (a macro it uses is defined in between), by the parent's lowercased key.
    private var waiting: [String: [(child: BibTeXEntry, reference: String)]] = [:]
    /// Parents already named by a crossref, for their other children.
    private var parents: [String: BibTeXEntry] = [:]
    private var sawEntryOrProblem = false
    private var finished = false

    /// A reader over the file's bytes; `path` names the file in problems.
    public init(_ data: Data, path: String) {
        let decoded = BibliographyText.decode(data)
        parser = BibTeXParser(bytes: Array(decoded.text.utf8))
        self.path = path
        if let note = decoded.note { ready.append(.problem(note)) }
    }

    /// Reads the whole file: the records of every readable entry, and one problem per
    /// broken entry (or one for a file without any entry).
    public static func read(_ data: Data, path: String) -> (records: [Record], problems: [Problem]) {
        var reader = BibTeXReader(data, path: path)
        var records: [Record] = []
        var problems: [Problem] = []
        while let item = reader.next() {
            switch item {
            case .record(let record): records.append(record)
            case .problem(let problem): problems.append(problem)
            }
        }
        return (records, problems)
    }

    /// The next record or problem; nil after the last.
    public mutating func next() -> Item? {
        while handedOut == ready.count {
            ready.removeAll(keepingCapacity: true)
            handedOut = 0
            if finished { return nil }
            switch parser.next() {
            case .entry(let entry): accept(entry)
            case .problem(let problem): sawEntryOrProblem = true; ready.append(.problem(problem))
            case nil: finish()
            }
        }
        defer { handedOut += 1 }
        return ready[handedOut]
    }

    private mutating func accept(_ entry: BibTeXEntry) {
        sawEntryOrProblem = true
        let key = entry.key.lowercased()
        if !key.isEmpty, let children = waiting.removeValue(forKey: key) {
            parents[key] = entry
            for (child, _) in children { ready.append(.record(Self.record(from: child, parent: entry))) }
        }
        var child = entry
        guard let reference = child.fields.removeValue(forKey: "crossref").map(LaTeXText.decode) else {
            ready.append(.record(Self.record(from: entry)))
            return
        }
        let parentKey = reference.lowercased()
        if let parent = parents[parentKey] {
            ready.append(.record(Self.record(from: child, parent: parent)))
            return
        }
        switch parser.lookUp(reference) {
        case .found(let parent):
            parents[parentKey] = parent
            ready.append(.record(Self.record(from: child, parent: parent)))
        case .later:
            waiting[parentKey, default: []].append((child, reference))
        case .missing:
            ready.append(.problem(Self.missingParent(of: child, reference: reference)))
            ready.append(.record(Self.record(from: child)))
        }
    }

    /// At the end of the file: the entries still waiting for a parent that never became
    /// readable, and the problem of a file without any entry.
    private mutating func finish() {
        finished = true
        for (child, reference) in waiting.values.joined().sorted(by: { $0.child.line < $1.child.line }) {
            ready.append(.problem(Self.missingParent(of: child, reference: reference)))
            ready.append(.record(Self.record(from: child)))
        }
        waiting = [:]
        if !sawEntryOrProblem {
            ready.append(.problem(Problem("\(path) holds no BibTeX entry (“@type{key, field = {…}}”)")))
        }
    }

    private static func missingParent(of child: BibTeXEntry, reference: String) -> Problem {
        .note(line: child.line, "entry “\(child.key)”: crossref “\(reference)” names no entry in this file")
    }

    /// Parent fields that describe the parent work itself and are not inherited.
    private static let notInherited: Set<String> = [
        "title", "subtitle", "shorttitle", "crossref", "ids", "entrysubtype", "isbn", "doi", "url", "pages",
        "abstract", "note", "keywords", "pagetotal",
    ]

    /// The child's record, with what it lacks filled in from `parent`.
    private static func record(from child: BibTeXEntry, parent: BibTeXEntry) -> Record {
        var entry = child
        entry.fields = inherited(child, from: parent)
        return record(from: entry)
    }

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
