import Foundation

/// The site configuration from `archivar.json` (SPEC §5). Relative paths are
/// resolved against the directory that holds the configuration file.
public struct SiteConfig: Sendable {
    public var title = "IKPE Publikationsarchiv"
    public var baseURL = "http://127.0.0.1:8080/"
    public var language = "de"
    public var archiveDirectory: URL
    public var stateDirectory: URL
    public var sourcesDirectory: URL
    public var pipeline = ["normalize", "dedupe", "index", "html", "atom"]
    /// How records without a category get one (`categories`: kind or CSL type → category).
    public var categories = CategoryMapping.standard
    /// The directory `archivar.json` lives in (or the working directory without one).
    public var rootDirectory: URL

    /// The defaults, rooted at `root`.
    public init(root: URL) {
        rootDirectory = root
        archiveDirectory = root.appendingPathComponent("archive", isDirectory: true)
        stateDirectory = root.appendingPathComponent(".archivar", isDirectory: true)
        sourcesDirectory = root.appendingPathComponent("feeds", isDirectory: true)
    }

    /// Loads `file`; a missing file gives the defaults rooted at its directory unless
    /// `required`. Errors name the file and the key.
    public static func load(from file: URL, required: Bool = false) throws -> SiteConfig {
        let root = file.deletingLastPathComponent()
        var config = SiteConfig(root: root)
        guard FileManager.default.fileExists(atPath: file.path) else {
            if required { throw ArchivarError(path: file.path, "configuration file not found") }
            return config
        }
        let object = try JSONFile.object(at: file)
        let reader = JSONFieldReader(object: object, path: file.path)
        try reader.rejectUnknownKeys(["title", "baseURL", "language", "archive", "state", "sources", "pipeline", "categories"])
        config.title = try reader.string("title") ?? config.title
        if let base = try reader.string("baseURL") {
            guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw ArchivarError(path: file.path, location: "key \"baseURL\"", "must be an absolute http(s) URL, not \"\(base)\"")
            }
            config.baseURL = base.hasSuffix("/") ? base : base + "/"
        }
        if let language = try reader.string("language") {
            guard ["de", "en"].contains(language) else {
                throw ArchivarError(path: file.path, location: "key \"language\"", "must be \"de\" or \"en\", not \"\(language)\"")
            }
            config.language = language
        }
        if let archive = try reader.string("archive") { config.archiveDirectory = root.resolving(archive) }
        if let state = try reader.string("state") { config.stateDirectory = root.resolving(state) }
        if let sources = try reader.string("sources") { config.sourcesDirectory = root.resolving(sources) }
        if let pipeline = try reader.stringArray("pipeline") { config.pipeline = pipeline }
        if let categories = try reader.object("categories") {
            config.categories = config.categories.changing(try categoryChanges(categories, path: file.path))
        }
        return config
    }

    /// `"categories": {"report": "Berichte", "thesis": null}`: each key a record kind or
    /// CSL type, each value the category's name, or null for none.
    private static func categoryChanges(_ object: [String: JSONValue], path: String) throws -> [String: String?] {
        var changes: [String: String?] = [:]
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let location = "key \"categories.\(key)\""
            guard CategoryMapping.knownKeys.contains(key) else {
                throw ArchivarError(path: path, location: location,
                                    "is neither a record kind (\(RecordKind.all.joined(separator: ", "))) nor a CSL type (book, chapter, article-journal, report, …)")
            }
            switch value {
            case .null:
                changes[key] = .some(nil)
            case .string(let name) where !TextFolding.clean(name).isEmpty:
                changes[key] = TextFolding.clean(name)
            default:
                throw ArchivarError(path: path, location: location, "must be the name of a category or null")
            }
        }
        return changes
    }

    /// The database file inside the state directory.
    public var databaseFile: URL { stateDirectory.appendingPathComponent("archivar.sqlite") }
}

extension URL {
    /// `path` if absolute, else relative to this directory; `file:` URLs are accepted.
    public func resolving(_ path: String) -> URL {
        if path.hasPrefix("file:"), let url = URL(string: path) { return url.standardizedFileURL }
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL }
        return appendingPathComponent(path).standardizedFileURL
    }
}

/// Reads a JSON file into an object, with errors that name the file and the position.
public enum JSONFile {
    public static func object(at file: URL) throws -> [String: JSONValue] {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw ArchivarError(path: file.path, "cannot be read: \(error.localizedDescription)")
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw ArchivarError(path: file.path, "is not valid JSON: \(describeDecodingError(error))")
        }
        guard let object = value.object else {
            throw ArchivarError(path: file.path, "must hold a JSON object")
        }
        return object
    }

    /// The most useful text of a decoding error (Foundation hides the position in userInfo).
    public static func describeDecodingError(_ error: Error) -> String {
        if let syntax = error as? JSONSyntaxError { return syntax.description }
        if case DecodingError.dataCorrupted(let context) = error {
            if let underlying = context.underlyingError as NSError?,
               let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String {
                return detail
            }
            return context.debugDescription
        }
        return String(describing: error)
    }
}

/// Typed access to a JSON object's keys, with errors naming file and key.
public struct JSONFieldReader {
    public let object: [String: JSONValue]
    public let path: String

    public init(object: [String: JSONValue], path: String) {
        self.object = object
        self.path = path
    }

    public func string(_ key: String) throws -> String? {
        guard let value = object[key], value != .null else { return nil }
        guard case .string(let text) = value else { throw typeError(key, "a string") }
        return text
    }

    public func requiredString(_ key: String) throws -> String {
        guard let text = try string(key), !text.isEmpty else {
            throw ArchivarError(path: path, location: "key \"\(key)\"", "is required")
        }
        return text
    }

    public func stringArray(_ key: String) throws -> [String]? {
        guard let value = object[key], value != .null else { return nil }
        guard let items = value.array else { throw typeError(key, "an array of strings") }
        return try items.map {
            guard case .string(let text) = $0 else { throw typeError(key, "an array of strings") }
            return text
        }
    }

    /// A JSON object value; nil when the key is missing or null.
    public func object(_ key: String) throws -> [String: JSONValue]? {
        guard let value = object[key], value != .null else { return nil }
        guard let fields = value.object else { throw typeError(key, "an object") }
        return fields
    }

    public func rejectUnknownKeys(_ known: Set<String>) throws {
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw ArchivarError(path: path, location: "key \"\(unknown)\"",
                                "is not a known setting (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    private func typeError(_ key: String, _ expected: String) -> ArchivarError {
        ArchivarError(path: path, location: "key \"\(key)\"", "must be \(expected)")
    }
}
