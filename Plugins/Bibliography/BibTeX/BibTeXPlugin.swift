import ArchivarCore

/// The `bibtex` ingest plugin: a BibTeX or biblatex file, one record per entry.
public enum BibTeXPlugin {
    /// Reads the source with `BibTeXReader`; broken entries are reported, the rest emitted.
    public static let plugin: Plugin = .ingest("bibtex", summary: "BibTeX and biblatex bibliography files") { context in
        guard let document = try await context.fetchSource() else { return }
        let items = BibTeXReader.read(document.data, path: context.location.relativeDescription)
        for problem in items.problems { context.report(problem) }
        for record in items.records { try await context.emit(record) }
    }
}
