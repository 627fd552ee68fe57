import ArchivarCore
import Foundation

/// How a librarian types field values on the command line (`add --author`, `edit --set`),
/// and which fields `edit` may change.
///
/// - Names: `Family, Given`, several separated by `;` (`Fischer, Jörg; Graßhoff, Gunther`).
/// - Dates: `2016`, `2016-05` or `2016-05-03`; the field `year` sets `issued`.
/// - DOIs may be given as `https://doi.org/10.3262/SM2301`; they are stored bare (`10.3262/SM2301`).
/// - Any other field is text.
enum FieldInput {
    /// Archive fields a librarian may set besides the CSL-JSON variables and `type`; the
    /// others (`id`, `source`, `hash`, `updated`, `published`, `content`) are Archivar's own.
    static let editableArchiveFields: Set<String> = ["kind", "category", "link", "summary"]

    /// The fields `edit` accepts: CSL-JSON variables, `type`, `year`, and the editable archive fields.
    static func isEditable(_ field: String) -> Bool {
        field == "type" || field == "year" || CSLVocabulary.variables.contains(field) || editableArchiveFields.contains(field)
    }

    /// Why `field` cannot be edited.
    static func refusal(of field: String) -> String {
        switch field {
        case "id": return "a record's id is its stable name and does not change"
        case "source", "hash", "updated", "published", "published-is-first-seen", "content":
            return "\"\(field)\" is kept by Archivar itself and cannot be set by hand"
        default:
            return "unknown field \"\(field)\"; edit takes CSL-JSON variable names (title, author, editor, issued, "
                + "container-title, publisher, publisher-place, edition, volume, issue, page, ISBN, ISSN, DOI, URL, "
                + "abstract, keyword, note, …), type, and the archive fields kind, category, link, summary; year=2016 sets issued"
        }
    }

    /// The CSL-JSON field a typed field name stands for (`year` → `issued`).
    static func storedName(_ field: String) -> String { field == "year" ? "issued" : field }

    /// `text` as the JSON value of `field`; a value that cannot be read names the field.
    static func value(_ text: String, for field: String) throws(RecordError) -> JSONValue {
        let name = storedName(field)
        let clean = TextFolding.clean(text)
        if CSLVocabulary.nameVariables.contains(name) { return .array(try names(clean, field: name).map(\.json)) }
        if CSLVocabulary.dateVariables.contains(name) { return try date(clean, field: field).json }
        if name == "kind", !RecordKind.all.contains(clean) {
            throw RecordError(field: name, reason: "\"\(clean)\" is not a kind; use one of \(RecordKind.all.joined(separator: ", "))")
        }
        return .string(clean)
    }

    /// `Fischer, Jörg; Graßhoff, Gunther`: one name per `;`-separated part.
    static func names(_ text: String, field: String) throws(RecordError) -> [Name] {
        let parts = text.split(separator: ";").map { TextFolding.clean(String($0)) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw RecordError(field: field, reason: "names no one; write \"Family, Given\", several separated by ;") }
        return parts.map(Name.parse)
    }

    /// `2016`, `2016-05` or `2016-05-03`.
    static func date(_ text: String, field: String) throws(RecordError) -> IssuedDate {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }), let year = parts[0], text.first?.isNumber == true else {
            throw RecordError(field: field, reason: "\"\(text)\" is not a date; write 2016, 2016-05 or 2016-05-03")
        }
        return IssuedDate(year: year, month: parts.count > 1 ? parts[1] : nil, day: parts.count > 2 ? parts[2] : nil)
    }

    /// A field's value as a librarian reads it: names as `Family, Given; …`, dates as `2016-05-03`.
    static func display(_ value: JSONValue?, field: String) -> String {
        guard let value else { return "—" }
        if CSLVocabulary.nameVariables.contains(field), let items = value.array {
            return items.compactMap(Name.init(json:)).map(\.inverted).joined(separator: "; ")
        }
        if CSLVocabulary.dateVariables.contains(field), let date = IssuedDate(json: value) {
            if date.parts.isEmpty { return date.literal ?? value.canonicalText() }
            return date.parts.enumerated().map { $0.offset == 0 ? String($0.element) : String(format: "%02d", $0.element) }
                .joined(separator: "-")
        }
        return value.text.map { "„\($0)“" } ?? value.canonicalText()
    }
}
