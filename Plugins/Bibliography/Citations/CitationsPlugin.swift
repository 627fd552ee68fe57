import ArchivarCore

/// The `citations` ingest plugin: a plain UTF-8 text file of German citation lines in
/// the institute's style, one per line or paragraph (SPEC §4).
public enum CitationsPlugin {
    /// The plugin, listed in `BibliographyPlugin.plugins`.
    public static let plugin = Plugin.ingest("citations", summary: "German citation lines, one per line or paragraph") { context in
        guard let document = try await context.fetchSource() else { return }
        let items = try CitationLineParser.read(document.data, path: context.location.relativeDescription)
        for problem in items.problems { context.report(problem) }
        for record in items.records { try await context.emit(record) }
    }
}
