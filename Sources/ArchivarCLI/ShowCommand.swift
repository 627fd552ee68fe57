import ArchivarCore
import ArchivarStore
import Foundation

extension CommandHelp {
    static let show = CommandHelp(
        name: "show", usage: "show ID [--format citation|csl-json|bibtex|ris]",
        summary: "Show one record: its German citation, its fields, the sources that delivered it and its merges.",
        options: [("--format FORMAT", "print only the citation line, or the record as csl-json, bibtex or ris")],
        valued: ["format"])
}

extension Commands {
    /// `show ID [--format …]`: the readable view, or the record in one format.
    func show(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positional.count == 1, let id = arguments.positional.first else {
            throw UsageError("show needs exactly one record ID")
        }
        let format = arguments.value("format")
        var bibliography: BibliographyFormat?
        if let format, format != "citation" {
            guard let known = BibliographyFormat(rawValue: format.lowercased()) else {
                throw UsageError("unknown format \"\(format)\": use citation, \(BibliographyFormat.names)")
            }
            bibliography = known
        }
        let catalog = try workspace.openCatalog()
        guard let record = try catalog.record(id: id) else {
            if let merge = try catalog.merges(of: id).last(where: { $0.absorbed == id }) {
                throw ArchivarError("\"\(id)\" was merged into \"\(merge.survivor)\" (\(merge.rule)); `archivar show \(merge.survivor)` shows it")
            }
            throw ArchivarError("no record has the id \"\(id)\"; `archivar search WORDS` shows the ids of matching records")
        }
        if let bibliography {
            FileHandle.standardOutput.write(bibliography.write([record]))
        } else if format == "citation" {
            print(GermanCitation.format(record))
        } else {
            print(RecordView(record: record, origins: try catalog.origins(of: id), merges: try catalog.merges(of: id)).text)
        }
        return 0
    }
}

/// The readable view of one record that `show` prints: the citation, every field, where
/// the record came from and which records were merged into it, so a librarian can trust
/// a merge or undo it.
struct RecordView {
    let record: Record
    let origins: [StoredOrigin]
    let merges: [MergeEntry]

    /// Fields shown first, in this order; the rest follow alphabetically.
    private static let leading = ["type", "title", "author", "editor", "issued", "container-title"]
    /// Internal bookkeeping, not a librarian's concern.
    private static let hidden: Set<String> = ["hash"]

    var text: String {
        var lines = [GermanCitation.format(record), ""]
        let names = Self.leading.filter { record[$0] != nil }
            + record.fields.keys.filter { !Self.leading.contains($0) && !Self.hidden.contains($0) }.sorted()
        let width = (names + ["id"]).map(\.count).max() ?? 0
        for (name, value) in [("id", record.id)] + names.map({ ($0, Self.display(record[$0] ?? .null)) }) {
            let indent = String(repeating: " ", count: width + 4)
            let shown = value.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + indent)
            lines.append("  " + name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + shown)
        }
        lines += ["", "Origins:"]
        lines += origins.isEmpty ? ["  none"] : origins.map { entry in
            "  \(entry.origin.source) (item \(entry.origin.itemID)), first seen \(entry.firstSeen)"
        }
        lines += ["", "Merges:"]
        lines += merges.isEmpty ? ["  none"] : merges.map { merge in
            let rule = "by rule \(merge.rule.name) (\(merge.rule)) on \(DateText.rfc3339(merge.date))"
            return merge.survivor == record.id ? "  merged from \(merge.absorbed) \(rule)" : "  merged into \(merge.survivor) \(rule)"
        }
        return lines.joined(separator: "\n")
    }

    /// A field value as a librarian reads it: names inverted, dates as `2016-05-01`,
    /// lists one after another, anything else as JSON.
    static func display(_ value: JSONValue) -> String {
        if let text = value.text { return text }
        if case .bool(let flag) = value { return flag ? "yes" : "no" }
        if let list = value.array {
            let names = list.compactMap(Name.init(json:))
            if !names.isEmpty, names.count == list.count { return names.map(\.inverted).joined(separator: "; ") }
            if list.allSatisfy({ $0.text != nil }) { return list.compactMap(\.text).joined(separator: "; ") }
        }
        if let date = IssuedDate(json: value), value.object?.keys.allSatisfy(["date-parts", "literal", "raw"].contains) == true {
            if let literal = date.literal { return literal }
            return date.parts.enumerated().map { $0 == 0 ? String($1) : String(format: "%02d", $1) }.joined(separator: "-")
        }
        return value.canonicalText()
    }
}
