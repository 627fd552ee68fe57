import ArchivarCore
import ArchivarHTML

/// What every page renderer shares: the layout, the UI strings, the site settings
/// and the titles of the sources.
struct ArchiveSite: Sendable {
    let layout: PageLayout
    let config: SiteConfig
    /// Source titles by id, from the source definitions.
    let sourceTitles: [String: String]

    init(config: SiteConfig, sources: [SourceDefinition]) {
        layout = PageLayout(siteTitle: config.title, language: config.language)
        self.config = config
        sourceTitles = Dictionary(sources.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    var strings: UIStrings { layout.strings }

    /// The source's title, or its id when no definition names it.
    func sourceTitle(_ id: String) -> String { sourceTitles[id] ?? id }

    /// `config.baseURL` + `path`: the absolute address of a page (canonical links).
    func absolute(_ path: String) -> String {
        (config.baseURL.hasSuffix("/") ? config.baseURL : config.baseURL + "/") + path
    }

    /// Renders a page into a file under the archive root, with its links relative to it.
    func write(_ file: String, in context: PublishContext, title: String, current: String? = nil,
               head: [HTMLNode] = [], body: (_ root: String) -> [HTMLNode]) throws {
        let root = ArchivePath.root(of: file)
        try context.write(layout.page(title: title, root: root, current: current, head: head, body: body(root)), to: file)
    }
}
