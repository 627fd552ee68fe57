import ArchivarCore
import Foundation

/// Tells the ingest plugin for `inspect` and `import` from the first 64 KB of a file.
///
/// JSON (`[`, `{` or a lone JSON value) is CSL-JSON and `<` is XML, both by the first
/// character. Other text is told by its lines, anywhere in the head, since BibTeX allows
/// any text between (and before) its entries: lines opening a BibTeX entry
/// (`@book{key,`, `@string{`), RIS record lines (`TY  - BOOK`), and lines with a year in
/// parentheses as German citations have it (`Fischer, Jörg (2016): …`). The most frequent
/// shape wins; a tie goes to the more formal format (BibTeX, then RIS).
enum ContentSniffer {
    /// How much of a file is looked at.
    static let headSize = 64 << 10

    /// The plugin for `inspect`: a URL is a feed, a file is told by its content.
    static func plugin(for location: URL) throws -> String {
        location.isFileURL ? try filePlugin(at: location) : "rss"
    }

    /// The plugin for a local file. A missing, unreadable or empty file, a directory, a
    /// binary or UTF-16 file and text of none of the shapes are errors that say so.
    static func filePlugin(at location: URL) throws -> String {
        let path = location.relativeDescription
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory) else {
            throw ArchivarError(path: path, "cannot be read: no such file")
        }
        guard !isDirectory.boolValue else { throw ArchivarError(path: path, "is a directory; name the files in it") }
        guard let handle = FileHandle(forReadingAtPath: location.path) else {
            throw ArchivarError(path: path, "cannot be read: permission denied")
        }
        defer { try? handle.close() }
        let head: Data
        let isWhole: Bool
        do {
            head = try handle.read(upToCount: headSize) ?? Data()
            isWhole = try head.count < headSize || (handle.read(upToCount: 1) ?? Data()).isEmpty
        } catch {
            throw ArchivarError(path: path, "cannot be read: \(error.localizedDescription)")
        }
        return try plugin(forHead: head, isWhole: isWhole, path: path)
    }

    /// The plugin for the first bytes of a file (`isWhole` when they are all of it).
    static func plugin(forHead head: Data, isWhole: Bool, path: String) throws -> String {
        let bytes = [UInt8](head)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ArchivarError(path: path, "is UTF-16 text; save it as UTF-8 and import it again")
        }
        if let zero = bytes.firstIndex(of: 0) {
            throw ArchivarError(path: path, "is not a text file (byte \(zero + 1) is a NUL byte): "
                + "import reads BibTeX, RIS, CSL-JSON and citation lines as text")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard let first = trimmed.first else { throw ArchivarError(path: path, "the file is empty") }
        if first == "[" || first == "{" { return "csl-json" }
        if first == "<" { return "rss" }
        if isWhole, (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8), options: [.fragmentsAllowed])) != nil {
            return "csl-json" // a lone number or string: the csl-json plugin says what it lacks
        }
        if let plugin = LineShapes(trimmed).plugin ?? (first == "%" ? "bibtex" : nil) { return plugin }
        let found = "holds no BibTeX entry, RIS record, JSON or citation (names and a year in parentheses, "
            + "such as „Fischer, Jörg (2016): …“) in its first \(headSize >> 10) KB"
        // Where the head cuts a file short, its last character may be cut in two: no reason.
        guard (isWhole ? [0] : [0, 1, 2, 3]).contains(where: { String(data: head.dropLast($0), encoding: .utf8) != nil }) else {
            throw ArchivarError(path: path, "is not UTF-8 text and \(found); save it as UTF-8")
        }
        throw ArchivarError(path: path, "\(found); name the plugin with --plugin if it is one of them")
    }
}

/// How many lines of a text have the shape of each line-based format.
private struct LineShapes {
    var bibTeXEntries = 0
    var risRecords = 0
    var citations = 0

    init(_ text: Substring) {
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            let content = line.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
            if Self.opensBibTeXEntry(content) {
                bibTeXEntries += 1
            } else if Self.startsRISRecord(content) {
                risRecords += 1
            } else if content.contains(Self.yearInParentheses) {
                citations += 1
            }
        }
    }

    /// The plugin of the most frequent shape; nil when no line has one.
    var plugin: String? {
        let counts = [("bibtex", bibTeXEntries), ("ris", risRecords), ("citations", citations)]
        guard let best = counts.max(by: { $0.1 < $1.1 }), best.1 > 0 else { return nil }
        return counts.first { $0.1 == best.1 }?.0
    }

    /// `@book{`, `@Article (`, `@string{`: an `@`, a type name, then `{` or `(`.
    private static func opensBibTeXEntry(_ line: Substring) -> Bool {
        guard line.first == "@" else { return false }
        let afterAt = line.dropFirst()
        let type = afterAt.prefix { $0.isASCII && $0.isLetter }
        guard !type.isEmpty else { return false }
        let rest = afterAt.dropFirst(type.count).drop { $0 == " " || $0 == "\t" }
        return rest.first == "{" || rest.first == "("
    }

    /// `TY  - BOOK` (RIS: tag, two spaces, hyphen; some exporters drop a space).
    private static func startsRISRecord(_ line: Substring) -> Bool {
        guard line.hasPrefix("TY") else { return false }
        let rest = line.dropFirst(2).drop { $0 == " " }
        return rest.first == "-"
    }

    /// `(2016)`, `(2016a)`: the year of a German citation.
    // nonisolated(unsafe): Regex is not Sendable, but this immutable let is only matched against.
    nonisolated(unsafe) private static let yearInParentheses = #/\(\d{4}[a-z]?\)/#
}
