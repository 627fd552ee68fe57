import ArchivarCore
import ArchivarHTML

/// `partners/index.html` with one section per partner source (its newest entries and a
/// link to all of them), and `partners/<source>/` listing each source's entries.
enum PartnerPages {
    /// How many entries of each source the overview shows.
    static let previewCount = 3

    /// `bySource`: the partner records by source id, newest first. Sources defined with
    /// kind `partner` get a section even before their first harvest.
    static func write(bySource: [String: [RecordSummary]], site: ArchiveSite, context: PublishContext) throws {
        let strings = site.strings
        let definedPartners = context.sources.filter { $0.kind == RecordKind.partner }.map(\.id)
        let sources = Set(definedPartners).union(bySource.keys).sorted {
            (TextFolding.matchKey(site.sourceTitle($0)), $0) < (TextFolding.matchKey(site.sourceTitle($1)), $1)
        }
        var anchors = AnchorNames()
        let sections = sources.map { (anchor: anchors.unique(for: site.sourceTitle($0)), source: $0) }
        try site.write("partners/index.html", in: context, title: strings["partners"], current: "partners") { root in
            var body: [HTMLNode] = [.element("h1", text: strings["partners"]), .element("p", text: strings["partners.intro"])]
            if sections.isEmpty { body.append(.element("p", text: strings["list.empty"])) }
            for section in sections {
                let entries = bySource[section.source] ?? []
                let link = root + ArchivePath.partnerDirectory(section.source).link
                body.append(.element("section", [("aria-labelledby", section.anchor)], [
                    .element("h2", [("id", section.anchor)], [.link(link, site.sourceTitle(section.source))]),
                    RecordList.node(Array(entries.prefix(previewCount)), root: root, site: site),
                    .element("p", [], [.link(link, "\(strings["partners.all"]) (\(entries.count))")]),
                ]))
            }
            return body
        }
        for source in sources {
            let list = PagedList(directory: ArchivePath.partnerDirectory(source), title: site.sourceTitle(source), current: "partners")
            try list.write(bySource[source] ?? [], site: site, context: context)
        }
    }
}
