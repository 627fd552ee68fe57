import ArchivarCore
import ArchivarHTML
import ArchivarStore
import ArchivarWeb
import Foundation

/// The commands; each returns its exit status or throws an error to print (exit 1).
struct Commands {
    let workspace: Workspace
    var logger: Logger { workspace.logger }

    /// `run`: harvest due sources, then publish.
    func run() async throws -> Int32 {
        try await underRunLock { catalog, pipeline, sources in
            let report = await pipeline.harvest(try due(sources, catalog: catalog))
            printSummary(report)
            try await pipeline.publish(sources: sources)
            try printPublished(catalog)
            return report.hasFailures ? 1 : 0
        }
    }

    /// `harvest [--source ID] [--all]`.
    func harvest(_ arguments: Arguments) async throws -> Int32 {
        guard arguments.positional.isEmpty else { throw UsageError("harvest takes no arguments") }
        return try await underRunLock { catalog, pipeline, sources in
            let chosen = try choose(from: sources, arguments: arguments, catalog: catalog)
            if chosen.isEmpty { print("No source is due.") }
            let report = await pipeline.harvest(chosen)
            printSummary(report)
            return report.hasFailures ? 1 : 0
        }
    }

    /// The sources `harvest` takes: `--source ID` (even a disabled one: a success enables
    /// it again), `--all` (every source not disabled), or the due ones.
    private func choose(from sources: [SourceDefinition], arguments: Arguments, catalog: Catalog) throws -> [SourceDefinition] {
        if let id = arguments.value("source") {
            guard let source = sources.first(where: { $0.id == id }) else {
                throw ArchivarError(path: workspace.config.sourcesDirectory.relativeDescription,
                                    "no source has the id \"\(id)\"; known: \(sources.map(\.id).joined(separator: ", "))")
            }
            return [source]
        }
        let states = try catalog.sourceStates()
        for source in sources {
            guard let reason = states[source.id]?.disabledReason else { continue }
            print("\(source.id): skipped, disabled because \(reason); `archivar harvest --source \(source.id)` tries it again")
        }
        return arguments.flag("all") ? sources.filter { states[$0.id]?.disabledReason == nil } : try due(sources, catalog: catalog)
    }

    /// Runs `body` holding the run lock; when another process holds it, says so and exits 0.
    private func underRunLock(_ body: (Catalog, Pipeline, [SourceDefinition]) async throws -> Int32) async throws -> Int32 {
        guard let lock = try RunLock(directory: workspace.config.stateDirectory) else {
            print("Another archivar run holds the lock; nothing to do.")
            return 0
        }
        defer { withExtendedLifetime(lock) {} }
        let catalog = try workspace.openCatalog()
        return try await body(catalog, try workspace.pipeline(catalog), try workspace.sources())
    }

    private func printPublished(_ catalog: Catalog) throws {
        print("Published \(try catalog.recordCount()) records to \(workspace.config.archiveDirectory.relativeDescription)/")
    }

    /// `publish [--full]`.
    func publish() async throws -> Int32 {
        let catalog = try workspace.openCatalog()
        try await workspace.pipeline(catalog).publish(sources: try workspace.sources())
        try printPublished(catalog)
        return 0
    }

    /// `serve [--host] [--port]`: HTTP plus the scheduler; SIGINT/SIGTERM stop it.
    func serve(_ arguments: Arguments) async throws -> Int32 {
        let host = arguments.value("host") ?? "127.0.0.1"
        guard let port = UInt16(arguments.value("port") ?? "8080") else {
            throw UsageError("--port must be a number from 0 to 65535")
        }
        let catalog = try workspace.openCatalog()
        // Before the first request, so that the first visitor does not wait for it either.
        try catalog.prepareSearches()
        let config = workspace.config
        let server = WebServer(options: WebOptions(host: host, port: port, archiveDirectory: config.archiveDirectory),
                               catalog: catalog, layout: PageLayout(siteTitle: config.title, language: config.language),
                               logger: logger)
        try server.start()
        let hostInURL = host.contains(":") ? "[\(host)]" : host
        print("Serving \(config.archiveDirectory.relativeDescription)/ at http://\(hostInURL):\(server.port)/ (Ctrl-C stops)")
        let scheduler = Task { await schedule(catalog: catalog) }
        let preparation = Task { await keepSearchesPrepared(catalog: catalog) }
        await SignalWaiter.waitForTermination()
        scheduler.cancel()
        preparation.cancel()
        server.stop()
        logger.info("stopped")
        return 0
    }

    /// Every 5 seconds: brings the search readers up to date with the catalog, so that
    /// visitors do not wait for that after a change (the scheduler's harvest, a librarian's
    /// edit, a harvest from cron). Without a change this costs microseconds. A failure is
    /// logged once, not every 5 seconds while it lasts.
    private func keepSearchesPrepared(catalog: Catalog) async {
        var lastFailure: String?
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(5))
            do {
                try catalog.prepareSearches()
                lastFailure = nil
            } catch {
                let failure = "\(ArchivarError.wrapping(error))"
                if failure != lastFailure { logger.error("preparing searches failed: \(failure)") }
                lastFailure = failure
            }
        }
    }

    /// Every minute: harvest due sources under the run lock and republish when something changed.
    private func schedule(catalog: Catalog) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(60))
            guard !Task.isCancelled else { return }
            do {
                guard let lock = try RunLock(directory: workspace.config.stateDirectory) else { continue }
                let sources = try workspace.sources()
                let dueSources = try due(sources, catalog: catalog)
                guard !dueSources.isEmpty else { continue }
                let pipeline = try workspace.pipeline(catalog)
                let report = await pipeline.harvest(dueSources)
                if report.changedCatalog { try await pipeline.publish(sources: sources) }
                withExtendedLifetime(lock) {}
            } catch {
                logger.error("scheduled harvest failed: \(ArchivarError.wrapping(error))")
            }
        }
    }

    /// `inspect [--plugin NAME] FILE|URL`: the records an ingest plugin would produce.
    func inspect(_ arguments: Arguments) async throws -> Int32 {
        guard arguments.positional.count == 1, let target = arguments.positional.first else {
            throw UsageError("inspect needs exactly one FILE or URL")
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let given = target.hasPrefix("http://") || target.hasPrefix("https://") ? URL(string: target) : cwd.resolving(target)
        guard let given else { throw UsageError("\(target) is not a valid URL") }
        let source: SourceDefinition
        let location: URL
        if let definition = try SourceDefinition.loadIfDefinition(at: given) {
            // A source file (feeds/inso.json): its plugin with all its settings, on its url.
            source = definition
            location = definition.location(root: workspace.config.rootDirectory)
        } else {
            let pluginName = try arguments.value("plugin") ?? ContentSniffer.plugin(for: given)
            source = SourceDefinition(id: "inspect", title: target, plugin: pluginName, url: target, kind: RecordKind.partner)
            location = given
        }
        let plugin = try workspace.registry.plugin(source.plugin, role: "ingest", for: source.file.isEmpty ? nil : source.file)
        let fetcher = Fetcher(userAgent: "Archivar/\(ArchivarVersion.current) (inspect)", maxBytes: source.maxBytes, timeout: source.timeout)
        let problems = ProblemLog()
        let output = JSONLinesOutput()
        defer { output.flush() }
        let context = IngestContext(source: source, location: location, fetcher: fetcher, emit: { record in
            output.write(Pipeline.stamped(record, from: source, categories: workspace.config.categories))
        }, report: { problems.append($0) })
        try await plugin.ingestBody?(context)
        output.flush() // the records before the problems, on a terminal that shows both
        for problem in problems.all {
            FileHandle.standardError.write(Data("archivar: \(location.relativeDescription): \(problem)\n".utf8))
        }
        return problems.all.isEmpty ? 0 : 1
    }

    /// `sources`: each source with its health, then what needs a closer look: the last
    /// error, a permanent redirect, why a source is disabled.
    func sources() throws -> Int32 {
        let sources = try workspace.sources()
        let states = try workspace.openCatalog().sourceStates()
        let now = Date()
        let clock = DateFormatter()
        clock.dateFormat = "yyyy-MM-dd HH:mm"
        func distance(_ date: Date) -> String {
            let minutes = Int((abs(date.timeIntervalSince(now)) / 60).rounded())
            if minutes == 0 { return date > now ? "in under a minute" : "just now" }
            let amount = minutes < 90 ? "\(minutes) min" : minutes < 36 * 60 ? "\(Int((Double(minutes) / 60).rounded())) h"
                : "\(Int((Double(minutes) / 1440).rounded())) d"
            return date > now ? "in \(amount)" : "\(amount) ago"
        }
        var notes: [String] = []
        let rows: [[String]] = sources.map { source in
            let state = states[source.id] ?? SourceState(id: source.id)
            let nextDue: String
            if state.disabledReason != nil {
                nextDue = "only with --source"
            } else if let due = state.nextDue, due > now {
                nextDue = "\(clock.string(from: due)) (\(distance(due)))"
            } else {
                nextDue = "now"
            }
            if let reason = state.disabledReason {
                notes.append("\(source.id): disabled because \(reason); `archivar harvest --source \(source.id)` tries it again")
            }
            if let moved = state.movedURL(for: source) {
                notes.append("\(source.id): moved permanently to \(moved) (read from there instead of \(source.url))")
            }
            if let error = state.lastError {
                notes.append("\(source.id): last error: \(error)")
            }
            return [source.id, source.plugin, state.status,
                    state.lastSuccess.map { "\(clock.string(from: $0)) (\(distance($0)))" } ?? "never",
                    String(state.failures), nextDue, String(state.itemCount)]
        }
        print(TextTable(header: ["ID", "PLUGIN", "STATUS", "LAST SUCCESS", "FAILURES", "NEXT DUE", "ITEMS"], rows: rows).rendered)
        if !notes.isEmpty { print("\n" + notes.joined(separator: "\n")) }
        return 0
    }

    // MARK: Helpers

    /// The sources whose next due time has come, leaving out those disabled by 410 Gone.
    private func due(_ sources: [SourceDefinition], catalog: Catalog) throws -> [SourceDefinition] {
        let states = try catalog.sourceStates()
        let now = Date()
        return sources.filter { source in
            guard let state = states[source.id] else { return true }
            return state.disabledReason == nil && (state.nextDue.map { $0 <= now } ?? true)
        }
    }

    /// One line per source: what it wrote; the log on stderr says why a source failed.
    private func printSummary(_ report: HarvestReport) {
        for result in report.results {
            let tally = result.tally
            var line = "\(result.source): \(tally.inserted) new, \(tally.updated) changed, \(tally.unchanged) unchanged"
            if !tally.problems.isEmpty { line += ", \(tally.problems.count) problem(s)" }
            if result.error != nil { line += " — FAILED" }
            print(line)
        }
    }
}

/// Problems collected from callbacks.
final class ProblemLog: @unchecked Sendable {
    // @unchecked: `problems` is only touched under `lock`.
    private let lock = NSLock()
    private var problems: [Problem] = []
    func append(_ problem: Problem) { lock.withLock { problems.append(problem) } }
    var all: [Problem] { lock.withLock { problems } }
}
