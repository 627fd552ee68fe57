import ArchivarCore
import Foundation

/// `sources import FILE.opml` and `sources export`: moving subscriptions between
/// Archivar and feed readers or aggregators.
extension Commands {
    /// `sources import FILE.opml`: one `feeds/<id>.json` (plugin `rss`, kind `partner`,
    /// every `1h`) per feed of the file. Never overwrites a file; a feed whose address
    /// a source already reads is skipped.
    func importOPML(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positional.count == 2 else { throw UsageError("sources import needs exactly one OPML file") }
        let file = arguments.positional[1]
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let data: Data
        do {
            data = try Data(contentsOf: cwd.resolving(file))
        } catch {
            throw ArchivarError(path: file, "cannot be read: \(error.localizedDescription)")
        }
        let list = try OPMLDocument.read(data, file: file)
        for problem in list.problems {
            FileHandle.standardError.write(Data("archivar: \(file):\(problem)\n".utf8))
        }
        let directory = workspace.config.sourcesDirectory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var known = KnownSources(try SourceDefinition.loadAll(in: directory), root: workspace.config.rootDirectory)
        var created = 0
        for feed in list.feeds {
            if let present = known.id(reading: feed.xmlUrl) {
                print("skipped \(feed.title) <\(feed.xmlUrl)>: already present as \(present)")
                continue
            }
            let id = known.newID(for: feed, in: directory)
            let target = directory.appendingPathComponent("\(id).json")
            try ImportedSource(feed: feed, id: id).write(to: target)
            known.add(id: id, url: feed.xmlUrl)
            created += 1
            print("created \(target.relativeDescription): \(feed.title) <\(feed.xmlUrl)>")
        }
        print("\(created) source(s) created, \(list.feeds.count - created) skipped, \(list.problems.count) problem(s)")
        return 0
    }

    /// `sources export`: the `rss` sources as an OPML 2.0 subscription list on stdout.
    /// Sources of other plugins are no feeds a reader could subscribe to: they are
    /// left out and named on stderr.
    func exportOPML(_ arguments: Arguments) throws -> Int32 {
        guard arguments.positional.count == 1 else { throw UsageError("sources export takes no arguments") }
        let sources = try workspace.sources()
        let feeds = sources.filter { $0.plugin == "rss" }.map { source in
            OPMLFeed(title: source.title, xmlUrl: source.location(root: workspace.config.rootDirectory).absoluteString,
                     htmlUrl: source.settings[ImportedSource.homepageKey]?.text)
        }
        FileHandle.standardOutput.write(Data(OPMLDocument.write(title: "\(workspace.config.title) – Quellen", feeds: feeds).utf8))
        let others = sources.filter { $0.plugin != "rss" }.map { "\($0.id) (\($0.plugin))" }
        if !others.isEmpty {
            FileHandle.standardError.write(Data("archivar: not exported, not feeds: \(others.joined(separator: ", "))\n".utf8))
        }
        return 0
    }
}

/// The ids and addresses of the sources already defined, for skipping feeds that are
/// present and for giving new ones an unused id.
private struct KnownSources {
    private var ids: Set<String>
    private var idByURL: [String: String] = [:]

    init(_ sources: [SourceDefinition], root: URL) {
        ids = Set(sources.map(\.id))
        for source in sources {
            idByURL[source.location(root: root).absoluteString] = source.id
        }
    }

    func id(reading url: String) -> String? { idByURL[url] }

    mutating func add(id: String, url: String) {
        ids.insert(id)
        idByURL[url] = id
    }

    /// An ASCII slug of the feed's title (else its host), made unique with `-2`, `-3`, …
    /// against the known ids and the files in `directory`.
    func newID(for feed: OPMLFeed, in directory: URL) -> String {
        let host = URL(string: feed.xmlUrl)?.host.map { $0.hasPrefix("www.") ? String($0.dropFirst(4)) : $0 } ?? ""
        let stem = [Self.shortSlug(feed.title), Self.shortSlug(host)].first { !$0.isEmpty } ?? "feed"
        var candidate = stem
        var number = 1
        while ids.contains(candidate) || FileManager.default.fileExists(atPath: directory.appendingPathComponent("\(candidate).json").path) {
            number += 1
            candidate = "\(stem)-\(number)"
        }
        return candidate
    }

    /// A slug of at most 40 characters, cut after a whole word.
    private static func shortSlug(_ text: String) -> String {
        let slug = TextFolding.slug(text, maxLength: 200)
        guard slug.count > 40 else { return slug }
        let head = slug.prefix(41)
        return String(head[..<(head.lastIndex(of: "-") ?? head.endIndex)])
    }
}

/// A source definition written by `sources import`, keys in the order people write them.
private struct ImportedSource {
    /// The key that keeps an outline's `htmlUrl` (the partner's web site) for `sources export`.
    static let homepageKey = "homepage"

    let fields: [(String, String)]

    init(feed: OPMLFeed, id: String) {
        var fields = [("id", id), ("title", feed.title), ("plugin", "rss"), ("url", feed.xmlUrl),
                      ("kind", RecordKind.partner), ("every", "1h")]
        if let htmlUrl = feed.htmlUrl { fields.append((Self.homepageKey, htmlUrl)) }
        self.fields = fields
    }

    /// Writes the definition to `file`, failing rather than replacing a file that exists.
    func write(to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let lines = try fields.map { key, value in
            "  \"\(key)\": " + String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        try Data(("{\n" + lines.joined(separator: ",\n") + "\n}\n").utf8).write(to: file, options: .withoutOverwriting)
    }
}
