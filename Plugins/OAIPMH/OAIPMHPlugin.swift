import ArchivarCore

/// The `oaipmh` ingest plugin (being built).
public enum OAIPMHPlugin {
    public static let plugins: [Plugin] = []
}
