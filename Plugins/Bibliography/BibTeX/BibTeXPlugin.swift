import ArchivarCore

/// The `bibtex` ingest plugin: a BibTeX or biblatex file, one record per entry.
public enum BibTeXPlugin {
    /// Reads the source with `BibTeXReader`, one entry at a time: each record is emitted (or
    /// the broken entry reported) before the next entry is parsed.
    public static let plugin: Plugin = .ingest("bibtex", summary: "BibTeX and biblatex bibliography files") { context in
        let path = context.location.relativeDescription
        // The fetched bytes are copied into the reader and not kept beside it.
        guard var reader = try await context.fetchSource().map({ BibTeXReader($0.data, path: path) }) else { return }
        while let item = reader.next() {
            switch item {
            case .record(let record): try await context.emit(record)
            case .problem(let problem): context.report(problem)
            }
        }
    }
}
