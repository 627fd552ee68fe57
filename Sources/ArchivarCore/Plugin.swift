import Foundation

/// A pipeline plugin: a name plus what it does. Ingest plugins turn a source into
/// records, transforms change or drop records on their way into the catalog, sinks
/// publish from the catalog. They share one namespace of names (SPEC §5).
public struct Plugin: Sendable {
    /// Reads a source and emits records one at a time.
    public typealias IngestBody = @Sendable (IngestContext) async throws -> Void
    /// Changes a record, or drops it by returning nil.
    public typealias TransformBody = @Sendable (Record, TransformContext) async throws -> Record?
    /// Publishes from the catalog into the staging directory.
    public typealias SinkBody = @Sendable (PublishContext) async throws -> Void

    public let name: String
    /// One line for `--help` and error messages.
    public let summary: String
    let role: Role

    enum Role: Sendable {
        case ingest(IngestBody)
        case transform(TransformBody)
        case sink(SinkBody)
    }

    public static func ingest(_ name: String, summary: String, _ body: @escaping IngestBody) -> Plugin {
        Plugin(name: name, summary: summary, role: .ingest(body))
    }

    public static func transform(_ name: String, summary: String, _ body: @escaping TransformBody) -> Plugin {
        Plugin(name: name, summary: summary, role: .transform(body))
    }

    public static func sink(_ name: String, summary: String, _ body: @escaping SinkBody) -> Plugin {
        Plugin(name: name, summary: summary, role: .sink(body))
    }

    /// `ingest`, `transform` or `sink`.
    public var roleName: String {
        switch role {
        case .ingest: return "ingest"
        case .transform: return "transform"
        case .sink: return "sink"
        }
    }

    public var ingestBody: IngestBody? {
        if case .ingest(let body) = role { return body }
        return nil
    }

    public var transformBody: TransformBody? {
        if case .transform(let body) = role { return body }
        return nil
    }

    public var sinkBody: SinkBody? {
        if case .sink(let body) = role { return body }
        return nil
    }
}

/// Every plugin by name, built once in the executable from the plugin modules.
public struct PluginRegistry: Sendable {
    public private(set) var plugins: [String: Plugin] = [:]

    public init(_ groups: [[Plugin]]) {
        for plugin in groups.joined() {
            precondition(plugins[plugin.name] == nil, "two plugins are named \(plugin.name)")
            plugins[plugin.name] = plugin
        }
    }

    /// The plugin called `name`, or an error naming the known plugins.
    public func plugin(_ name: String, role: String? = nil, for path: String? = nil) throws -> Plugin {
        guard let plugin = plugins[name], role == nil || plugin.roleName == role else {
            let known = plugins.values.filter { role == nil || $0.roleName == role }.map(\.name).sorted()
            throw ArchivarError(path: path, "no \(role.map { "\($0) " } ?? "")plugin is called \"\(name)\"; known: \(known.joined(separator: ", "))")
        }
        return plugin
    }
}

/// What an ingest plugin gets: the source, a way to read it, and where to put records.
public struct IngestContext: Sendable {
    public let source: SourceDefinition
    /// The resolved `url`: a file URL or an http(s) URL.
    public let location: URL
    public let fetcher: Fetcher
    /// Hands one record on; the pipeline transforms and stores it, in the order emitted, while
    /// the plugin reads on (`IngestFeed`). Throws when the pipeline stopped storing this source.
    public let emit: @Sendable (Record) async throws -> Void
    /// Reports a problem that did not stop the plugin (a broken item, a recovered error).
    public let report: @Sendable (Problem) -> Void
    /// Where an incremental plugin stopped last time (see `saveCursor`); nil on the first run.
    public let cursor: String?
    /// Remembers where to go on next time; kept only when the harvest succeeds.
    public let saveCursor: @Sendable (String) -> Void
    /// Tells the catalog the source deleted the item with this id (e.g. an OAI-PMH
    /// `status="deleted"` header): the record goes unless another source delivered it too.
    public let withdraw: @Sendable (String) async throws -> Void
    /// The log, for what a plugin has to say beside records (an external command's stderr).
    public let logger: Logger

    public init(source: SourceDefinition, location: URL, fetcher: Fetcher,
                cursor: String? = nil, logger: Logger = .silent,
                emit: @escaping @Sendable (Record) async throws -> Void,
                report: @escaping @Sendable (Problem) -> Void,
                saveCursor: @escaping @Sendable (String) -> Void = { _ in },
                withdraw: @escaping @Sendable (String) async throws -> Void = { _ in }) {
        self.source = source
        self.location = location
        self.fetcher = fetcher
        self.cursor = cursor
        self.logger = logger
        self.emit = emit
        self.report = report
        self.saveCursor = saveCursor
        self.withdraw = withdraw
    }

    /// Reads the source's location; nil when the server said it has not changed.
    public func fetchSource() async throws -> FetchedDocument? {
        try await fetcher.fetch(location)
    }
}

/// What a transform gets: the catalog as it is now (including this harvest's records),
/// the record's origin, and a way to report why a record was dropped or changed.
public struct TransformContext: Sendable {
    public let catalog: CatalogReader
    public let config: SiteConfig
    /// The source being harvested.
    public let source: SourceDefinition
    public let report: @Sendable (Problem) -> Void

    public init(catalog: CatalogReader, config: SiteConfig, source: SourceDefinition,
                report: @escaping @Sendable (Problem) -> Void) {
        self.catalog = catalog
        self.config = config
        self.source = source
        self.report = report
    }
}

/// What a sink gets: the catalog and the directory to write the new archive into.
public struct PublishContext: Sendable {
    public let catalog: CatalogReader
    public let config: SiteConfig
    /// The staging directory: swapped in for the archive when every sink is done.
    public let output: URL
    /// The time of this publish run (for feed `updated` when nothing else applies).
    public let now: Date
    public let sources: [SourceDefinition]

    public init(catalog: CatalogReader, config: SiteConfig, output: URL, now: Date, sources: [SourceDefinition]) {
        self.catalog = catalog
        self.config = config
        self.output = output
        self.now = now
        self.sources = sources
    }

    /// Writes `contents` to `relativePath` under the output directory, creating folders.
    public func write(_ contents: String, to relativePath: String) throws {
        let file = output.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
    }
}
