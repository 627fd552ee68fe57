import ArchivarCore
import ArchivarStore
import Foundation

extension CommandHelp {
    static let export = CommandHelp(
        name: "export", usage: "export --format bibtex|ris|csl-json [QUERY]",
        summary: "Write the bibliography to stdout: every publication, or the records a search for QUERY finds.",
        options: [("--format FORMAT", "bibtex (UTF-8, for biber and bibtex), ris (for Zotero, EndNote, Citavi) or csl-json")],
        valued: ["format"])
}

extension Commands {
    /// `export --format bibtex|ris|csl-json [QUERY]`: the whole file on stdout.
    func export(_ arguments: Arguments) throws -> Int32 {
        let format = try BibliographyFormat(option: arguments.value("format"))
        let query = arguments.positional.joined(separator: " ")
        let catalog = try workspace.openCatalog()
        let records = query.isEmpty ? try publications(in: catalog) : try found(query, in: catalog)
        FileHandle.standardOutput.write(format.write(records))
        if records.isEmpty {
            FileHandle.standardError.write(Data("archivar: nothing to export\(query.isEmpty ? ": the catalog holds no publication" : ": no record matches „\(query)“")\n".utf8))
        }
        return 0
    }

    /// Every record of kind `publication`, newest first.
    private func publications(in catalog: Catalog) throws -> [Record] {
        var records: [Record] = []
        try catalog.forEachRecord { record in
            if record.kind == RecordKind.publication { records.append(record) }
        }
        return records
    }

    /// The records a catalog search for `query` finds, best match first, page by page.
    private func found(_ query: String, in catalog: Catalog) throws -> [Record] {
        var records: [Record] = []
        var page = SearchQuery(text: query, limit: 200)
        while true {
            let results = try catalog.search(page)
            if let message = results.message, results.hits.isEmpty, page.offset == 0 {
                FileHandle.standardError.write(Data("archivar: \(message)\n".utf8))
            }
            for hit in results.hits {
                if let record = try catalog.record(id: hit.id) { records.append(record) }
            }
            page.offset += results.hits.count
            if results.hits.isEmpty || page.offset >= results.total { return records }
        }
    }
}
