import ArchivarCore
import ArchivarHTML

/// `index.html`: the newest records of every kind, and the way into each section.
enum HomePage {
    /// How many records the home page lists.
    static let latestCount = 20

    /// `counts`: records by kind; `peopleCount`: how many people the authors index lists.
    static func write(latest: [RecordSummary], counts: [String: Int], peopleCount: Int, site: ArchiveSite, context: PublishContext) throws {
        let strings = site.strings
        let sections: [(key: String, kind: String, path: String)] = [
            ("publications", RecordKind.publication, "publications/"),
            ("press", RecordKind.press, "press/"),
            ("partners", RecordKind.partner, "partners/"),
        ]
        try site.write("index.html", in: context, title: site.config.title, current: "home") { root in
            [
                .element("h1", text: site.config.title),
                .element("nav", [("class", "toc"), ("aria-label", strings["home"])], [
                    .element("ul", [], sections.map { section in
                        .element("li", [], [.link(root + section.path, "\(strings[section.key]) (\(counts[section.kind] ?? 0))")])
                    } + [.element("li", [], [.link(root + ArchivePath.authors, "\(strings["authors"]) (\(peopleCount))")])]),
                ]),
                .element("section", [("aria-labelledby", "latest")], [
                    .element("h2", [("id", "latest")], text: strings["latest"]),
                    RecordList.node(latest, root: root, site: site, showKind: true),
                ]),
            ]
        }
    }
}
