import ArchivarCore
import Foundation

/// Guesses the ingest plugin for `inspect` and `import` from the first bytes of a file:
/// CSL-JSON, XML feeds, BibTeX (`@…`, `%` comments) or RIS (`TY  - `).
enum ContentSniffer {
    static func plugin(for location: URL) throws -> String {
        guard location.isFileURL else { return "rss" }
        if let plugin = try filePlugin(at: location) { return plugin }
        throw ArchivarError(path: location.relativeDescription,
                            "cannot tell what this file holds; name the plugin with --plugin (citations for citation lines)")
    }

    /// The plugin for a local file, nil for text that is none of the formats above (such
    /// as citation lines); an empty or unreadable file is an error.
    static func filePlugin(at location: URL) throws -> String? {
        guard let handle = FileHandle(forReadingAtPath: location.path) else {
            throw ArchivarError(path: location.relativeDescription, "cannot be read: no such file")
        }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
        if head.isEmpty { throw ArchivarError(path: location.relativeDescription, "the file is empty") }
        if head.hasPrefix("[") || head.hasPrefix("{") { return "csl-json" }
        if head.hasPrefix("<") { return "rss" }
        if head.hasPrefix("@") || head.hasPrefix("%") { return "bibtex" }
        if head.hasPrefix("TY") && head.prefix(8).contains("-") { return "ris" }
        return nil
    }
}
