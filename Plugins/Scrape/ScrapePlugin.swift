import ArchivarCore

/// The `scrape` ingest plugin (being built).
public enum ScrapePlugin {
    public static let plugins: [Plugin] = []
}
