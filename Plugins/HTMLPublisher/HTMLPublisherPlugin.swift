import ArchivarCore
import ArchivarHTML

/// The `html` sink: the static archive pages (SPEC §9) — home, publications, press,
/// partners, authors, one page per record, search form, 404 page and stylesheet.
public enum HTMLPublisherPlugin {
    /// The plugins this module registers.
    public static let plugins: [Plugin] = [
        .sink("html", summary: "writes the HTML archive pages and style.css") { context in
            try publishArchive(context)
        },
    ]

    /// Streams the catalog twice (newest first): once to learn who the people are (initials
    /// resolve against the whole catalog), then to write each record's page as it passes,
    /// keeping only its summary for the list pages written afterwards.
    static func publishArchive(_ context: PublishContext) throws {
        let people = try PersonDirectory(catalog: context.catalog)
        let site = ArchiveSite(config: context.config, sources: context.sources, people: people)
        var latest: [RecordSummary] = []
        var counts: [String: Int] = [:]
        var publications: [RecordSummary] = []
        var press: [RecordSummary] = []
        var partners: [String: [RecordSummary]] = [:]
        var authors = AuthorPages()
        try context.catalog.forEachRecord { record in
            guard !record.id.isEmpty else { return }
            try RecordPage.write(record, site: site, context: context)
            let summary = RecordSummary(record, site: site)
            authors.add(record, summary: summary, site: site)
            if latest.count < HomePage.latestCount { latest.append(summary) }
            counts[summary.kind, default: 0] += 1
            switch summary.kind {
            case RecordKind.publication: publications.append(summary)
            case RecordKind.press: press.append(summary)
            case RecordKind.partner: if let source = summary.source { partners[source, default: []].append(summary) }
            default: break
            }
        }
        try HomePage.write(latest: latest, counts: counts, peopleCount: authors.count, site: site, context: context)
        try PublicationsPage.write(publications, site: site, context: context)
        try PagedList(directory: ListDirectory(file: "press/", link: "press/"), title: site.strings["press"], current: "press")
            .write(press, site: site, context: context)
        try PartnerPages.write(bySource: partners, site: site, context: context)
        try authors.write(site: site, context: context)
        try StaticPages.write(site: site, context: context)
    }
}
