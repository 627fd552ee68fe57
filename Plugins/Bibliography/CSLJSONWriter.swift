import ArchivarCore
import Foundation

/// Writes records as a CSL-JSON array that Zotero, Pandoc and citeproc read and that is
/// valid against the CSL-JSON schema: pretty printed, sorted keys, UTF-8.
///
/// Archivar's archive-only fields are left out; fields that are neither CSL variables nor
/// archive fields (kept from an imported file) go into the schema's `custom` object, so
/// nothing a librarian imported is lost and the schema's `additionalProperties: false` holds.
/// Spec: CSL-JSON schema, citation-style-language/schema `schemas/input/csl-data.json` (v1.0.2).
public enum CSLJSONWriter {
    /// Fields that belong to the archive, not to the bibliography (SPEC §3 "Archive fields",
    /// plus the provenance plugins keep). `source` is a CSL variable too, but in a record it
    /// is the id of the Archivar source that delivered it, so it never goes out.
    public static let archiveFields: Set<String> = [
        "kind", "category", "source", "link", "summary", "content", "published", "updated", "hash",
        "published-is-first-seen", "original-id", "oai-identifier",
    ]

    /// The records as one CSL-JSON array, ending in a newline.
    public static func write(_ records: [Record]) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps to a JSON value.
        let data = (try? encoder.encode(records.map(item(for:)))) ?? Data("[]".utf8)
        return data + Data("\n".utf8)
    }

    /// One CSL-JSON item: `id` and `type` always (the schema requires both).
    static func item(for record: Record) -> JSONValue {
        var item: [String: JSONValue] = ["id": .string(record.id), "type": .string(record.type)]
        var custom = record["custom"]?.object ?? [:]
        for (field, value) in record.fields where !archiveFields.contains(field) && !["type", "custom"].contains(field) {
            if CSLVocabulary.variables.contains(field) {
                item[field] = conforming(field, value)
            } else {
                custom[field] = value
            }
        }
        if !custom.isEmpty { item["custom"] = .object(custom) }
        return .object(item)
    }

    /// The schema types `keyword` as one text; a list from another source is joined as Zotero does.
    private static func conforming(_ field: String, _ value: JSONValue) -> JSONValue {
        guard field == "keyword", let list = value.array else { return value }
        return .string(list.compactMap(\.text).joined(separator: ", "))
    }
}
