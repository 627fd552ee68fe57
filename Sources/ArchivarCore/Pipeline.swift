import Foundation
import CSystem

/// Runs the configured stages (SPEC §5): harvest sources through the transforms into
/// the catalog, then publish the catalog through the sinks into the archive.
public struct Pipeline: Sendable {
    public let config: SiteConfig
    public let registry: PluginRegistry
    public let catalog: any CatalogWriter
    public let logger: Logger
    private let transforms: [Plugin]
    private let sinks: [Plugin]

    /// Checks every configured stage name against the registry.
    public init(config: SiteConfig, registry: PluginRegistry, catalog: any CatalogWriter, logger: Logger) throws {
        self.config = config
        self.registry = registry
        self.catalog = catalog
        self.logger = logger
        var transforms: [Plugin] = []
        var sinks: [Plugin] = []
        for name in config.pipeline {
            let plugin = try registry.plugin(name, for: "archivar.json: pipeline")
            switch plugin.role {
            case .transform: transforms.append(plugin)
            case .sink: sinks.append(plugin)
            case .ingest:
                throw ArchivarError(path: "archivar.json", location: "key \"pipeline\"",
                                    "\"\(name)\" is an ingest plugin; it belongs in a source file under feeds/, not in the pipeline")
            }
        }
        self.transforms = transforms
        self.sinks = sinks
    }

    /// The User-Agent sent to partners' servers.
    public var userAgent: String { "Archivar/\(ArchivarVersion.current) (+\(config.baseURL))" }

    // MARK: Harvest

    /// Harvests each source in one transaction of its own. A failing source is reported
    /// and leaves what was stored before untouched; the others go on. The sources are stored
    /// in their order while their plugins read ahead on tasks of their own (`IngestFeed`):
    /// while one source's records are stored, indexed and committed, the next sources are
    /// already fetched and parsed, up to `concurrentReads` at once from different servers
    /// (`ReadSchedule`).
    public func harvest(_ sources: [SourceDefinition], now: Date = Date()) async -> HarvestReport {
        let states = (try? catalog.sourceStates()) ?? [:]
        let runs = sources.map { SourceRun($0, state: states[$0.id] ?? SourceState(id: $0.id), pipeline: self) }
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.read(runs) }
            var results: [SourceResult] = []
            for (index, run) in runs.enumerated() {
                let source = run.source
                logger.info("[\(index + 1)/\(sources.count)] harvest \(source.id)", ["plugin": source.plugin])
                let result = await store(run, now: now)
                for problem in result.problems {
                    let place = source.location(root: config.rootDirectory).relativeDescription + (problem.line.map { ":line \($0)" } ?? "")
                    logger.warning("\(source.id): \(place): \(problem.message)")
                }
                if let error = result.error {
                    logger.error("\(source.id): \(error)")
                }
                results.append(result)
            }
            return HarvestReport(results: results)
        }
    }

    /// The most sources whose plugins read at the same time in a harvest, each from another server.
    static let concurrentReads = 4

    /// Runs the sources' plugins as `ReadSchedule` allows.
    private func read(_ runs: [SourceRun]) async {
        var schedule = ReadSchedule(servers: runs.map { ReadSchedule.server(of: $0.location) }, limit: Self.concurrentReads)
        await withTaskGroup(of: Int.self) { readers in
            while !schedule.isDone {
                for index in schedule.start() {
                    readers.addTask {
                        await runs[index].read(with: self)
                        return index
                    }
                }
                if let finished = await readers.next() { schedule.finish(finished) }
            }
        }
    }

    /// Stores what the plugin reads of one source and records the outcome in its state:
    /// validators, a permanent redirect, the next due time (interval, `Retry-After` or
    /// backoff), 410 disabling it.
    private func store(_ run: SourceRun, now: Date) async -> SourceResult {
        let source = run.source, tally = run.tally
        var state = run.state
        do {
            let transformContext = TransformContext(catalog: catalog, config: config, source: source, report: { tally.report($0) })
            let stored = try await catalog.transaction { () async throws -> Int in
                while let event = try await run.feed.next() {
                    switch event {
                    case .record(let record):
                        let origin = RecordOrigin(source: source.id, itemID: RecordIdentity.itemID(of: record))
                        guard let ready = try await self.prepare(record, from: source, context: transformContext) else { continue }
                        if let removal = try self.removal(of: ready, origin: origin) {
                            self.logger.info("\(source.id): skipped “\(ready.displayTitle)”: \(removal) (as \(removal.id))")
                            continue
                        }
                        tally.count(try self.catalog.store(ready, origin: origin).outcome)
                    case .withdrawal(let itemID):
                        if try self.catalog.withdraw(RecordOrigin(source: source.id, itemID: itemID)) { tally.countWithdrawn() }
                    }
                }
                return tally.snapshot.seen
            }
            state.recordSuccess(of: source, at: now, permanentURL: run.fetcher.permanentRedirect(of: run.location),
                                validators: run.fetcher.currentValidators)
            state.cursor = run.cursor.value
            state.lastError = tally.snapshot.problems.first.map { "\($0)" }
            // A 304 (nothing read) keeps the count of the last harvest that read the feed.
            if stored > 0 { state.itemCount = stored }
            try? catalog.saveSourceState(state)
            return SourceResult(source: source.id, tally: tally.snapshot, error: nil)
        } catch {
            run.feed.cancel()
            let failure = Self.describe(error, stage: source.plugin, location: run.location)
            state.recordFailure(of: source, at: now, error: error, message: failure.description)
            try? catalog.saveSourceState(state)
            return SourceResult(source: source.id, tally: tally.snapshot, error: failure)
        }
    }

    /// One source in a harvest: what its plugin reads (`feed`) and what storing it needs.
    private final class SourceRun: Sendable {
        let source: SourceDefinition
        let state: SourceState
        let location: URL
        let fetcher: Fetcher
        let tally = HarvestTally()
        let cursor: CursorBox
        let feed = IngestFeed()

        init(_ source: SourceDefinition, state: SourceState, pipeline: Pipeline) {
            self.source = source
            self.state = state
            location = pipeline.currentLocation(of: source, state: state)
            fetcher = Fetcher(etag: state.etag, lastModified: state.lastModified, userAgent: pipeline.userAgent,
                              maxBytes: source.maxBytes, timeout: source.timeout)
            cursor = CursorBox(state.cursor)
        }

        /// Runs the source's ingest plugin into `feed`, and ends the feed with its outcome.
        func read(with pipeline: Pipeline) async {
            do {
                try Task.checkCancellation()
                let plugin = try pipeline.registry.plugin(source.plugin, role: "ingest", for: source.file)
                guard let ingest = plugin.ingestBody else { throw ArchivarError(path: source.file, "not an ingest plugin") }
                let feed = feed, tally = tally, cursor = cursor
                try await ingest(IngestContext(
                    source: source, location: location, fetcher: fetcher, cursor: state.cursor, logger: pipeline.logger,
                    emit: { try await feed.send(.record($0)) },
                    report: { tally.report($0) },
                    saveCursor: { cursor.value = $0 },
                    withdraw: { try await feed.send(.withdrawal($0)) }))
                feed.finish()
            } catch {
                feed.finish(throwing: error)
            }
        }
    }

    /// Where the source is read from: the address it moved to permanently, else its `url`.
    private func currentLocation(of source: SourceDefinition, state: SourceState) -> URL {
        state.movedURL(for: source).flatMap(URL.init(string:)) ?? source.location(root: config.rootDirectory)
    }

    /// The error as users see it: a fetch failure names the URL it concerned.
    private static func describe(_ error: Error, stage: String, location: URL) -> ArchivarError {
        if let fetchError = error as? FetchError {
            return ArchivarError(stage: stage, path: fetchError.url.absoluteString, fetchError.reason)
        }
        return ArchivarError.wrapping(error, stage: stage, path: location.relativeDescription)
    }

    /// The record as its source delivers it: with an id, its source, kind and category
    /// (its own, else the source's, else the one `categories` maps its kind or type to).
    /// This is what `inspect` shows.
    public static func stamped(_ record: Record, from source: SourceDefinition,
                               categories: CategoryMapping = .standard) -> Record {
        var record = identified(record)
        record.source = source.id
        if record.text("kind") == nil { record.kind = source.kind }
        if record.category == nil, let category = source.category { record.category = category }
        return categories.categorized(record)
    }

    /// A record without an id gets one: a citation key for publications (derived from
    /// its content, so the same input always gets the same id).
    static func identified(_ record: Record) -> Record {
        guard record.id.isEmpty else { return record }
        var identified = record
        identified.id = RecordIdentity.citationKey(for: record)
        return identified
    }

    /// The librarian's removal that keeps `record` out of the catalog: a harvest or import
    /// skips a removed item (same origin) or work (a shared duplicate key).
    func removal(of record: Record, origin: RecordOrigin) throws -> RecordRemoval? {
        try catalog.removal(of: origin, keys: RecordIdentity.duplicateKeys(for: record))
    }

    /// Gives a record its source, kind and category, then runs the transforms.
    func prepare(_ record: Record, from source: SourceDefinition, context: TransformContext) async throws -> Record? {
        var record = Self.stamped(record, from: source, categories: config.categories)
        for transform in transforms {
            guard let body = transform.transformBody, let next = try await body(record, context) else { return nil }
            record = next
        }
        return record
    }

    // MARK: Publish

    /// Renders the archive into a fresh directory through every sink, then swaps it in
    /// for the old one in one step: readers never see a half-written archive.
    public func publish(sources: [SourceDefinition], now: Date = Date()) async throws {
        let archive = config.archiveDirectory
        let fileManager = FileManager.default
        let parent = archive.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(archive.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)")
        try? fileManager.removeItem(at: staging)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            let context = PublishContext(catalog: catalog, config: config, output: staging, now: now, sources: sources)
            for (index, sink) in sinks.enumerated() {
                logger.info("[\(index + 1)/\(sinks.count)] publish \(sink.name)")
                do {
                    try await sink.sinkBody?(context)
                } catch {
                    throw ArchivarError.wrapping(error, stage: sink.name)
                }
            }
            try AtomicDirectory.replace(archive, with: staging)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }
}

/// Counts what a harvest did; shared between the ingest callbacks.
final class HarvestTally: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var tally = SourceResult.Tally()

    func count(_ outcome: UpsertOutcome) {
        lock.withLock {
            tally.seen += 1
            switch outcome {
            case .inserted: tally.inserted += 1
            case .updated: tally.updated += 1
            case .unchanged: tally.unchanged += 1
            }
        }
    }

    func report(_ problem: Problem) { lock.withLock { tally.problems.append(problem) } }

    func countWithdrawn() { lock.withLock { tally.withdrawn += 1 } }

    var snapshot: SourceResult.Tally { lock.withLock { tally } }
}

/// The cursor an ingest plugin saves during a harvest.
final class CursorBox: @unchecked Sendable {
    // @unchecked: `stored` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: String?
    init(_ value: String?) { stored = value }
    var value: String? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// What happened to one source in a harvest.
public struct SourceResult: Sendable {
    public struct Tally: Sendable {
        public var seen = 0, inserted = 0, updated = 0, unchanged = 0
        /// Records removed because the source deleted them.
        public var withdrawn = 0
        public var problems: [Problem] = []
    }
    public var source: String
    public var tally: Tally
    /// Set when the source failed outright: nothing of this run was stored.
    public var error: ArchivarError?
    public var problems: [Problem] { tally.problems }
    /// The source failed outright (nothing read, nothing stored).
    public var failed: Bool { error != nil }
}

/// What happened in a harvest run.
public struct HarvestReport: Sendable {
    public var results: [SourceResult]
    /// True when a source failed outright: `harvest` then exits 1. Problems in a feed
    /// that was read (recovered XML, a dropped item) are logged but do not count.
    public var hasFailures: Bool { results.contains { $0.failed } }
    /// True when anything was inserted or updated.
    public var changedCatalog: Bool { results.contains { $0.tally.inserted + $0.tally.updated + $0.tally.withdrawn > 0 } }
}

/// Swapping a freshly rendered directory in for the old one.
public enum AtomicDirectory {
    /// Puts `fresh` at `target` in one step (renameat2 RENAME_EXCHANGE), then removes the old.
    public static func replace(_ target: URL, with fresh: URL) throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: target.path) {
            guard archivar_exchange_paths(fresh.path, target.path) == 0 else {
                throw ArchivarError(path: target.path, "cannot swap in the new archive: \(String(cString: strerror(errno)))")
            }
            try fileManager.removeItem(at: fresh)
        } else {
            try fileManager.moveItem(at: fresh, to: target)
        }
    }
}

/// The program's version, shown in `--version` and the User-Agent.
public enum ArchivarVersion {
    public static let current = "0.1.0"
}

extension URL {
    /// A path relative to the working directory when inside it, for shorter messages.
    public var relativeDescription: String {
        guard isFileURL else { return absoluteString }
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
