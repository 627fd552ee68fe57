import ArchivarCore
import ArchivarStore
import AtomPublisher
import Bibliography
import Exec
import Feeds
import Foundation
import HTMLPublisher
import Normalize
import OAIPMH
import Scrape

/// Everything a command needs: configuration, sources, plugins, catalog, logger.
struct Workspace {
    let config: SiteConfig
    let registry: PluginRegistry
    let logger: Logger

    /// Every plugin module's plugins: adding a plugin is one folder plus one line here.
    static let registry = PluginRegistry([
        FeedsPlugin.plugins,
        BibliographyPlugin.plugins,
        OAIPMHPlugin.plugins,
        ScrapePlugin.plugins,
        ExecPlugin.plugins,
        NormalizePlugin.plugins,
        IndexPlugin.plugins,
        HTMLPublisherPlugin.plugins,
        AtomPublisherPlugin.plugins,
    ])

    /// Loads `archivar.json` (from `--config`, else the working directory) and applies `--state`.
    init(configPath: String?, statePath: String?, logger: Logger) throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let file = configPath.map { cwd.resolving($0) } ?? cwd.appendingPathComponent("archivar.json")
        var config = try SiteConfig.load(from: file, required: configPath != nil)
        if let statePath { config.stateDirectory = cwd.resolving(statePath) }
        self.config = config
        self.registry = Self.registry
        self.logger = logger
    }

    /// The source definitions under `feeds/`, each checked against the plugins.
    func sources() throws -> [SourceDefinition] {
        let sources = try SourceDefinition.loadAll(in: config.sourcesDirectory)
        for source in sources {
            _ = try registry.plugin(source.plugin, role: "ingest", for: source.file)
        }
        return sources
    }

    /// Opens the catalog in the state directory.
    func openCatalog() throws -> Catalog {
        do {
            return try Catalog(file: config.databaseFile)
        } catch let error as SQLiteError {
            throw ArchivarError(path: config.databaseFile.relativeDescription, "cannot open the catalog: \(error)")
        }
    }

    /// A pipeline over `catalog` with the configured stages.
    func pipeline(_ catalog: Catalog) throws -> Pipeline {
        try Pipeline(config: config, registry: registry, catalog: catalog, logger: logger)
    }
}
