import ArchivarCore
import ArchivarHTML

/// What every page renderer shares: the layout, the UI strings, the site settings,
/// the titles of the sources and the people of the catalog.
struct ArchiveSite: Sendable {
    let layout: PageLayout
    let config: SiteConfig
    /// Source titles by id, from the source definitions.
    let sourceTitles: [String: String]
    /// Every author and editor, for links to their pages.
    let people: PersonDirectory

    init(config: SiteConfig, sources: [SourceDefinition], people: PersonDirectory) {
        layout = PageLayout(siteTitle: config.title, language: config.language)
        self.config = config
        self.people = people
        sourceTitles = Dictionary(sources.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    var strings: UIStrings { layout.strings }

    /// The source's title, or its id when no definition names it.
    func sourceTitle(_ id: String) -> String { sourceTitles[id] ?? id }

    /// `name` as it appears in `record`, with the page of the person it stands for.
    func person(_ name: Name, in record: Record) -> LinkedPerson {
        LinkedPerson(name: name.displayName, slug: people.key(for: name, in: record).map(people.slug(for:)))
    }

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
