import ArchivarCore
import ArchivarHTML

/// The `html` sink: the static archive pages (SPEC §9) — home, publications, press,
/// partners, one page per record, search form, 404 page and stylesheet.
public enum HTMLPublisherPlugin {
    /// The plugins this module registers.
    public static let plugins: [Plugin] = [
        .sink("html", summary: "writes the HTML archive pages and style.css") { context in
            try publishArchive(context)
        },
    ]

    /// Streams the catalog once (newest first): each record's page is written as it
    /// passes, and only its summary is kept for the list pages written afterwards.
    static func publishArchive(_ context: PublishContext) throws {
        let site = ArchiveSite(config: context.config, sources: context.sources)
        var latest: [RecordSummary] = []
        var counts: [String: Int] = [:]
        var publications: [RecordSummary] = []
        var press: [RecordSummary] = []
        var partners: [String: [RecordSummary]] = [:]
        try context.catalog.forEachRecord { record in
            guard !record.id.isEmpty else { return }
            try RecordPage.write(record, site: site, context: context)
            let summary = RecordSummary(record, language: site.strings.language)
            if latest.count < HomePage.latestCount { latest.append(summary) }
            counts[summary.kind, default: 0] += 1
            switch summary.kind {
            case RecordKind.publication: publications.append(summary)
            case RecordKind.press: press.append(summary)
            case RecordKind.partner: if let source = summary.source { partners[source, default: []].append(summary) }
            default: break
            }
        }
        try HomePage.write(latest: latest, counts: counts, site: site, context: context)
        try PublicationsPage.write(publications, site: site, context: context)
        try PagedList(directory: ListDirectory(file: "press/", link: "press/"), title: site.strings["press"], current: "press")
            .write(press, site: site, context: context)
        try PartnerPages.write(bySource: partners, site: site, context: context)
        try StaticPages.write(site: site, context: context)
    }
}
