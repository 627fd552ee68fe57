import ArchivarCore

/// The `index` sink: keeps the catalog's full-text index compact after a harvest.
public enum IndexPlugin {
    public static let plugins: [Plugin] = [
        .sink("index", summary: "maintains the full-text search index (SQLite FTS5)") { context in
            try context.catalog.maintainIndex()
        },
    ]
}
