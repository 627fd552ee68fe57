import ArchivarCore
import Foundation

/// Writes records as RIS that Zotero, EndNote and Citavi import.
///
/// CRLF line ends, `TY` first and `ER` last in every record, one creator per line as
/// `Family, Given`, `PY` as the year plus `DA` when the month is known, `SP`/`EP` from
/// `page`, one `KW` per keyword. The citation key goes into `ID`, the reference id of the
/// RIS specification: `RISReader` keeps it, Zotero's importer ignores the tag.
/// Spec: RIS format specification (Research Information Systems, 2012).
public enum RISWriter {
    public static func write(_ records: [Record]) -> String {
        records.map(lines(for:)).map { $0.joined() + "\r\n" }.joined()
    }

    private static func lines(for record: Record) -> [String] {
        let isBook = record.type == "book"
        var lines = [line("TY", RISTypes.risType(record.type))]
        func add(_ tag: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append(line(tag, value)) }
        }
        add("ID", record.id)
        func addNames(_ tag: String, _ field: String) {
            for name in (record[field]?.array ?? []).compactMap(Name.init(json:)) { add(tag, RISName.format(name)) }
        }

        addNames("AU", "author")
        addNames(isBook ? "A3" : "A2", "editor")
        addNames(isBook ? "A2" : "A3", "collection-editor")
        addNames("A4", "translator")
        if !isBook { add("T2", record.containerTitle) }
        for (tag, field) in RISTags.textFields { add(tag, record.text(field)) }
        if let tag = RISTags.seriesNumberTag(for: record.type) { add(tag, record.text("collection-number")) }
        if RISTags.genreTypes.contains(record.type) { add("M3", record.text("genre")) }
        if let issued = record.issued {
            add("PY", RISDate.year(issued))
            add("DA", RISDate.full(issued))
        }
        let (start, end) = pageRange(record.text("page"))
        // Books and theses keep their number of pages in a lone SP (Zotero's `numPages`).
        add("SP", start ?? (RISTags.pageCountTypes.contains(record.type) ? record.text("number-of-pages") : nil))
        add("EP", end)
        add("SN", record.isbn)
        add("SN", record.text("ISSN"))
        // Zotero keeps a report's number in SN too.
        if record.type == "report" { add("SN", record.text("number")) }
        if let accessed = record["accessed"].flatMap(IssuedDate.init(json:)) {
            add("Y2", RISDate.full(accessed) ?? RISDate.year(accessed))
        }
        add("N1", record.text("note"))
        for keyword in keywords(record) { add("KW", keyword) }
        lines.append("ER  - \r\n")
        return lines
    }

    /// `TAG  - value` with CRLF; line breaks inside the value become wrapped lines, which
    /// the reader joins again for `AB`, `N1` and `KW` and turns into spaces elsewhere.
    private static func line(_ tag: String, _ value: String) -> String {
        let wrapped = value.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
        let text = RISTags.multiline.contains(tag) ? wrapped.joined(separator: "\r\n") : wrapped.joined(separator: " ")
        return "\(tag)  - \(text)\r\n"
    }

    /// "12-34" → SP 12, EP 34; anything else ("12–34", "xii") goes whole into SP, which reads back as it was.
    private static func pageRange(_ page: String?) -> (String?, String?) {
        guard let page else { return (nil, nil) }
        let parts = page.split(separator: "-", maxSplits: 1)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return (page, nil) }
        return (parts[0], parts[1])
    }

    /// CSL keeps keywords as one comma-separated text; an array (from other sources) is taken as it is.
    private static func keywords(_ record: Record) -> [String] {
        if let list = record["keyword"]?.array { return list.compactMap(\.text) }
        return (record.text("keyword") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
