import ArchivarCore

/// The `ris` ingest plugin: a RIS file as Zotero, EndNote, Citavi or a library catalogue exports it.
public enum RISPlugin {
    public static let plugin = Plugin.ingest("ris", summary: "RIS bibliography files (Zotero, EndNote, Citavi)") { context in
        guard let document = try await context.fetchSource() else { return }
        let items = RISReader.read(document.data, path: context.location.relativeDescription)
        for problem in items.problems { context.report(problem) }
        for record in items.records { try await context.emit(record) }
    }
}
