import ArchivarCore
import Foundation

/// The `csl-json` ingest plugin: a CSL-JSON file (one item or an array), as Zotero,
/// Pandoc and citeproc write it. Unknown fields are kept.
public enum BibliographyPlugin {
    public static let plugins: [Plugin] = [
        CitationsPlugin.plugin,
        RISPlugin.plugin,
        BibTeXPlugin.plugin,
        .ingest("csl-json", summary: "CSL-JSON bibliography files (Zotero, Pandoc, citeproc)") { context in
            guard let document = try await context.fetchSource() else { return }
            let items = try CSLJSONReader.read(document.data, path: context.location.relativeDescription)
            for problem in items.problems { context.report(problem) }
            for record in items.records { try await context.emit(record) }
        },
    ]
}

/// Reads CSL-JSON into records.
public enum CSLJSONReader {
    /// Items whose `id` is not a usable citation key get one from their content; the
    /// original id is kept in `original-id`.
    public static func read(_ data: Data, path: String) throws -> (records: [Record], problems: [Problem]) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw ArchivarError(stage: "csl-json", path: path, "is not valid JSON: \(JSONFile.describeDecodingError(error))")
        }
        let items: [JSONValue]
        switch value {
        case .array(let array): items = array
        case .object: items = [value]
        default: throw ArchivarError(stage: "csl-json", path: path, "must hold a CSL-JSON item or an array of items")
        }
        var records: [Record] = []
        var problems: [Problem] = []
        for (index, item) in items.enumerated() {
            do {
                var record = try Record(json: item)
                if !isCitationKey(record.id) {
                    if !record.id.isEmpty { record["original-id"] = .string(record.id) }
                    record.id = ""
                }
                records.append(record)
            } catch {
                problems.append(Problem("item \(index + 1): \(error)"))
            }
        }
        return (records, problems)
    }

    /// `fischer2016unbegleitete`: lowercase ASCII letters, digits, `-` and `_`.
    static func isCitationKey(_ id: String) -> Bool {
        guard let first = id.first, first.isASCII, first.isLetter || first.isNumber, id.count <= 80 else { return false }
        return id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
