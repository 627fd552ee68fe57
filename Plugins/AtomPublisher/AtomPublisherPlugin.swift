import ArchivarCore

/// The `atom` sink: `feed.atom` with the newest entries of every kind,
/// `feeds/<kind>.atom` for each kind and `feeds/<category-slug>.atom` for each
/// category that has records (SPEC §9).
public enum AtomPublisherPlugin {
    /// The plugins this module registers.
    public static let plugins: [Plugin] = [
        .sink("atom", summary: "writes the Atom feeds feed.atom, feeds/<kind>.atom and feeds/<category>.atom (RFC 4287)") { context in
            try publishFeeds(context)
        },
    ]

    /// Streams the catalog once (newest first), keeps the newest entries per feed and
    /// writes every feed. `feed.atom` is written even for an empty catalog.
    static func publishFeeds(_ context: PublishContext) throws {
        let address = FeedAddress(baseURL: context.config.baseURL)
        let catalogFeeds = CatalogFeeds(config: context.config, address: address)
        var feeds: [String: AtomFeed] = [catalogFeeds.all.path: catalogFeeds.all]
        try context.catalog.forEachRecord { record in
            let wanted = catalogFeeds.feeds(for: record).filter { feeds[$0.path]?.wantsMore ?? true }
            guard !wanted.isEmpty, let entry = AtomEntry(record: record, address: address) else { return }
            for feed in wanted { feeds[feed.path, default: feed].append(entry) }
        }
        for feed in feeds.values.sorted(by: { $0.path < $1.path }) {
            try context.write(feed.render(config: context.config, address: address), to: feed.path)
        }
    }
}

/// Which feeds a record belongs in, with their paths and titles.
struct CatalogFeeds {
    let all: AtomFeed
    private let siteTitle: String
    private let address: FeedAddress
    private let kindNames: [String: String]

    init(config: SiteConfig, address: FeedAddress) {
        siteTitle = config.title
        self.address = address
        all = AtomFeed(path: "feed.atom", urlPath: "feed.atom", title: config.title, alternate: address.base)
        kindNames = config.language == "en"
            ? [RecordKind.publication: "Publications", RecordKind.press: "Press", RecordKind.partner: "Partners"]
            : [RecordKind.publication: "Publikationen", RecordKind.press: "Presse", RecordKind.partner: "Partner"]
    }

    /// The all-kinds feed, the record's kind feed and, when it has one whose slug does not
    /// clash with a kind's feed, its category feed.
    func feeds(for record: Record) -> [AtomFeed] {
        let kind = record.kind
        var feeds = [all, AtomFeed(path: "feeds/" + PathSegment.file(kind) + ".atom",
                                   urlPath: "feeds/" + PathSegment.url(kind) + ".atom",
                                   title: siteTitle + " – " + (kindNames[kind] ?? kind), alternate: address.kindPage(kind))]
        if let category = record.category {
            let slug = TextFolding.slug(category)
            if !slug.isEmpty, !RecordKind.all.contains(slug) {
                feeds.append(AtomFeed(path: "feeds/" + slug + ".atom", urlPath: "feeds/" + slug + ".atom",
                                      title: siteTitle + " – " + category, alternate: address.kindPage(kind)))
            }
        }
        return feeds
    }
}
