import ArchivarCore

/// The `exec` ingest plugin (being built).
public enum ExecPlugin {
    public static let plugins: [Plugin] = []
}
