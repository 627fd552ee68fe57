import ArchivarCore
import Foundation

/// The tagged lines of one RIS record (`TY` … `ER`), and the CSL-JSON record they make.
struct RISEntry {
    /// The line the record starts on, for problems.
    let line: Int
    /// The `TY` value; nil for tag lines that came without a `TY` before them.
    let typeCode: String?
    private var values: [String: [String]] = [:]
    private var lastTag: String?

    init(line: Int, typeCode: String?) {
        self.line = line
        self.typeCode = typeCode
    }

    mutating func add(_ tagged: RISLine) {
        values[tagged.tag, default: []].append(tagged.value)
        lastTag = tagged.tag
    }

    /// Appends an untagged line to the value before it; false when that value cannot be wrapped.
    mutating func `continue`(with text: String) -> Bool {
        guard let tag = lastTag, RISTags.continuable.contains(tag), var list = values[tag], let last = list.popLast() else {
            return false
        }
        let separator = RISTags.multiline.contains(tag) ? "\n" : " "
        list.append(last.isEmpty ? text : last + separator + text)
        values[tag] = list
        return true
    }

    /// The record; `problems` gets what could be read only in part.
    func record(problems: inout [Problem]) -> Record {
        let code = (typeCode ?? "").uppercased()
        var record = Record()
        record.type = RISTypes.cslType(code)
        if record.type == "document", code != "GEN" {
            problems.append(.note(line: line, "unknown RIS type \"\(code)\": read as a document"))
        }
        let isBook = record.type == "book"
        if let id = first("ID"), CSLJSONReader.isCitationKey(id) { record.id = id }

        for (tag, field) in RISTags.textFields {
            record.setText(field, first(RISTags.spellings(of: tag)))
        }
        if let tag = RISTags.seriesNumberTag(for: record.type) { record.setText("collection-number", first(tag)) }
        if RISTags.genreTypes.contains(record.type) { record.setText("genre", first("M3")) }
        if isBook {
            record.title = record.title ?? first("BT")
            record.setText("collection-title", record.text("collection-title") ?? first("T2"))
        } else {
            record.containerTitle = first("T2", "JF", "JO", "BT", "JA")
        }

        // A2 is the editor except in books, where it is the series editor and A3 the editor.
        var authors = all(RISTags.spellings(of: "AU"))
        var editors = all("ED") + all(isBook ? "A3" : "A2")
        if code == "EDBOOK", editors.isEmpty { swap(&authors, &editors) }
        record.authors = authors.map(RISName.parse)
        record.editors = editors.map(RISName.parse)
        setNames(&record, "collection-editor", all(isBook ? "A2" : "A3"))
        setNames(&record, "translator", all("A4"))

        record.issued = issued(problems: &problems)
        record["accessed"] = first("Y2").flatMap(RISDate.parse)?.json
        setPages(&record)
        setStandardNumbers(&record)
        let keywords = all("KW").flatMap { $0.split(separator: "\n") }.map { $0.trimmingCharacters(in: .whitespaces) }
        record.setText("keyword", keywords.filter { !$0.isEmpty }.joined(separator: ", "))
        record.setText("note", all("N1").joined(separator: "\n"))
        return record
    }

    private func first(_ tags: String...) -> String? { first(tags) }
    private func first(_ tags: [String]) -> String? { all(tags).first }
    private func all(_ tags: String...) -> [String] { all(tags) }
    private func all(_ tags: [String]) -> [String] { tags.flatMap { values[$0] ?? [] }.filter { !$0.isEmpty } }

    private func setNames(_ record: inout Record, _ field: String, _ names: [String]) {
        record[field] = names.isEmpty ? nil : .array(names.map { RISName.parse($0).json })
    }

    /// The most precise of `PY`, `Y1` and `DA`; a date that is not one is kept as text.
    private func issued(problems: inout [Problem]) -> IssuedDate? {
        let texts = all("PY", "Y1", "DA")
        let dates = texts.compactMap(RISDate.parse)
        if let best = dates.max(by: { $0.parts.count < $1.parts.count }) { return best }
        guard let text = texts.first else { return nil }
        problems.append(.note(line: line, "date \"\(text)\" is not YYYY or YYYY/MM/DD: kept as text"))
        return IssuedDate(json: .object(["literal": .string(text)]))
    }

    /// `SP`–`EP` as `page`; a lone `SP` of a book or thesis is its number of pages (as Zotero writes it).
    private func setPages(_ record: inout Record) {
        let start = first("SP"), end = first("EP")
        if let start, end == nil, RISTags.pageCountTypes.contains(record.type), start.allSatisfy(\.isNumber) {
            record.setText("number-of-pages", start)
        } else if let start, let end, start != end {
            record.setText("page", "\(start)-\(end)")
        } else {
            record.setText("page", start ?? end)
        }
    }

    /// `SN` holds an ISSN or an ISBN; eight characters in ISSN shape are an ISSN. In a
    /// report, an `SN` in neither shape is the report's number (Zotero's `reportNumber`).
    private func setStandardNumbers(_ record: inout Record) {
        for number in all("SN") {
            let field = StandardNumber.isISSN(number) ? "ISSN"
                : record.type == "report" && !StandardNumber.isISBN(number) ? "number" : "ISBN"
            if record.text(field) == nil { record.setText(field, number) }
        }
    }
}

/// Telling ISSNs from ISBNs by their shape.
enum StandardNumber {
    /// `0340-8728`, `03408728`, `1234-567X`: four digits, an optional hyphen, three digits and a check character.
    static func isISSN(_ text: String) -> Bool {
        let compact = Array(text.filter { $0 != "-" })
        guard compact.count == 8, text.count <= 9 else { return false }
        return compact.prefix(7).allSatisfy { $0.isASCII && $0.isNumber }
            && (compact[7].isASCII && compact[7].isNumber || compact[7] == "X" || compact[7] == "x")
    }

    /// `978-3-7799-3382-3`, `3-7799-3382-X`: ten or thirteen digits (the last may be `X`)
    /// with optional hyphens or spaces.
    static func isISBN(_ text: String) -> Bool {
        let compact = Array(text.filter { $0 != "-" && $0 != " " })
        guard [10, 13].contains(compact.count) else { return false }
        return compact.dropLast().allSatisfy { $0.isASCII && $0.isNumber }
            && (compact[compact.count - 1].isASCII && compact[compact.count - 1].isNumber || "Xx".contains(compact[compact.count - 1]))
    }
}
