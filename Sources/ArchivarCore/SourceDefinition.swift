import Foundation

/// One source from `feeds/<id>.json` (SPEC §4): which plugin reads what, and how often.
public struct SourceDefinition: Sendable, Hashable {
    public var id: String
    public var title: String
    public var plugin: String
    /// The `url` as written: `http(s):`, `file:` or a path relative to the site root.
    public var url: String
    public var kind: String
    /// How often the source is due, in seconds.
    public var interval: TimeInterval
    /// The category given to every record of the source, when set.
    public var category: String?
    /// The file the definition came from.
    public var file: String
    /// Plugin-specific settings: every key of the file.
    public var settings: [String: JSONValue]
    /// The longest silence from the source's server before a fetch gives up (`"timeout": "10s"`).
    public var timeout: TimeInterval
    /// The most bytes one fetch reads (`"maxBytes": 5000000`); larger answers fail the source.
    public var maxBytes: Int

    public init(id: String, title: String, plugin: String, url: String, kind: String,
                interval: TimeInterval = 3600, category: String? = nil, file: String = "",
                settings: [String: JSONValue] = [:], timeout: TimeInterval = Fetcher.defaultTimeout,
                maxBytes: Int = Fetcher.defaultMaxBytes) {
        self.id = id
        self.title = title
        self.plugin = plugin
        self.url = url
        self.kind = kind
        self.interval = interval
        self.category = category
        self.file = file
        self.settings = settings
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    /// Loads one definition file; errors name the file and the key.
    public static func load(from file: URL) throws -> SourceDefinition {
        let object = try JSONFile.object(at: file)
        let reader = JSONFieldReader(object: object, path: file.path)
        let id = try reader.requiredString("id")
        guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ArchivarError(path: file.path, location: "key \"id\"",
                                "\"\(id)\" may hold only ASCII letters, digits, - and _")
        }
        let kind = try reader.string("kind") ?? RecordKind.partner
        guard RecordKind.all.contains(kind) else {
            throw ArchivarError(path: file.path, location: "key \"kind\"",
                                "must be one of \(RecordKind.all.joined(separator: ", ")), not \"\(kind)\"")
        }
        let interval = try duration("every", in: reader, file: file) ?? 3600
        let timeout = try duration("timeout", in: reader, file: file) ?? Fetcher.defaultTimeout
        var maxBytes = Fetcher.defaultMaxBytes
        if let value = object["maxBytes"], value != .null {
            guard case .number(let number) = value, number >= 1, number < Double(Int.max), number.rounded() == number else {
                throw ArchivarError(path: file.path, location: "key \"maxBytes\"", "must be a whole number of bytes, at least 1")
            }
            maxBytes = Int(number)
        }
        return SourceDefinition(
            id: id, title: try reader.string("title") ?? id, plugin: try reader.requiredString("plugin"),
            url: try reader.requiredString("url"), kind: kind, interval: interval,
            category: try reader.string("category"), file: file.path, settings: object,
            timeout: timeout, maxBytes: maxBytes)
    }

    /// The definition in `file` when it is a source file (a JSON object with `plugin` and
    /// `url`), nil for any other file or URL.
    public static func loadIfDefinition(at file: URL) throws -> SourceDefinition? {
        guard file.isFileURL, file.pathExtension == "json",
              let data = FileManager.default.contents(atPath: file.path),
              case .object(let object)? = try? JSONValue.parse(data),
              object["plugin"] != nil, object["url"] != nil else { return nil }
        return try load(from: file)
    }

    /// The duration under `key` (`30s`, `10m`, `1h`, `1d`), nil when absent.
    private static func duration(_ key: String, in reader: JSONFieldReader, file: URL) throws -> TimeInterval? {
        guard let text = try reader.string(key) else { return nil }
        guard let seconds = IntervalText.seconds(text) else {
            throw ArchivarError(path: file.path, location: "key \"\(key)\"",
                                "\"\(text)\" is not a duration such as 30s, 10m, 1h or 1d")
        }
        return seconds
    }

    /// Every `*.json` file directly inside `directory`, sorted by name; ids must be unique.
    public static func loadAll(in directory: URL) throws -> [SourceDefinition] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var seen: [String: String] = [:]
        return try names.filter { $0.hasSuffix(".json") }.sorted().map { name in
            let source = try load(from: directory.appendingPathComponent(name))
            if let other = seen[source.id] {
                throw ArchivarError(path: source.file, location: "key \"id\"", "\"\(source.id)\" is already used by \(other)")
            }
            seen[source.id] = source.file
            return source
        }
    }

    /// The source's location: a URL for `http(s):`, else a file URL resolved against `root`.
    public func location(root: URL) -> URL {
        if url.hasPrefix("http://") || url.hasPrefix("https://"), let remote = URL(string: url) { return remote }
        return root.resolving(url)
    }
}

/// Durations such as `90s`, `30m`, `1h`, `1d`.
public enum IntervalText {
    public static func seconds(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let amount = Double(trimmed.dropLast()), amount > 0 else { return nil }
        switch unit {
        case "s": return amount
        case "m": return amount * 60
        case "h": return amount * 3600
        case "d": return amount * 86400
        default: return nil
        }
    }
}
