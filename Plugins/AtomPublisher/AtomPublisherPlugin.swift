import ArchivarCore

/// The `atom` sink: `feed.atom` with the newest entries of every kind and
/// `feeds/<kind>.atom` for each kind that has records (SPEC §9).
public enum AtomPublisherPlugin {
    /// The plugins this module registers.
    public static let plugins: [Plugin] = [
        .sink("atom", summary: "writes the Atom feeds feed.atom and feeds/<kind>.atom (RFC 4287)") { context in
            try publishFeeds(context)
        },
    ]

    /// Streams the catalog once (newest first), keeps the newest entries per feed and
    /// writes every feed.
    static func publishFeeds(_ context: PublishContext) throws {
        let address = FeedAddress(baseURL: context.config.baseURL)
        let titles = FeedTitles(language: context.config.language, siteTitle: context.config.title)
        var all = AtomFeed(path: "feed.atom", urlPath: "feed.atom", title: context.config.title, alternate: address.base)
        var byKind: [String: AtomFeed] = [:]
        try context.catalog.forEachRecord { record in
            let kind = record.kind
            var kindFeed = byKind[kind] ?? AtomFeed(
                path: "feeds/" + PathSegment.file(kind) + ".atom", urlPath: "feeds/" + PathSegment.url(kind) + ".atom",
                title: titles.title(forKind: kind), alternate: address.kindPage(kind))
            guard all.wantsMore || kindFeed.wantsMore else {
                byKind[kind] = kindFeed
                return
            }
            if let entry = AtomEntry(record: record, address: address) {
                all.append(entry)
                kindFeed.append(entry)
            }
            byKind[kind] = kindFeed
        }
        for feed in [all] + byKind.values.sorted(by: { $0.path < $1.path }) {
            try context.write(feed.render(config: context.config, address: address), to: feed.path)
        }
    }
}

/// Feed titles: the site title, and for a kind's feed the kind's name after it.
struct FeedTitles {
    let siteTitle: String
    private let kindNames: [String: String]

    init(language: String, siteTitle: String) {
        self.siteTitle = siteTitle
        kindNames = language == "en"
            ? [RecordKind.publication: "Publications", RecordKind.press: "Press", RecordKind.partner: "Partners"]
            : [RecordKind.publication: "Publikationen", RecordKind.press: "Presse", RecordKind.partner: "Partner"]
    }

    func title(forKind kind: String) -> String {
        siteTitle + " – " + (kindNames[kind] ?? kind)
    }
}
