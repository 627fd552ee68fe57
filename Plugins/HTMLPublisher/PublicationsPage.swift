import ArchivarCore
import ArchivarHTML

/// `publications/index.html`: every publication as a German citation, grouped by
/// category (alphabetical, uncategorized last) and within it by year, newest first,
/// like the institute's own list.
enum PublicationsPage {
    static let file = "publications/index.html"

    static func write(_ publications: [RecordSummary], site: ArchiveSite, context: PublishContext) throws {
        let strings = site.strings
        let groups = grouped(publications)
        var anchors = AnchorNames()
        let sections = groups.map { group in
            (anchor: anchors.unique(for: group.category ?? strings["publications.other"]), group: group)
        }
        try site.write(file, in: context, title: strings["publications"], current: "publications") { root in
            var body: [HTMLNode] = [.element("h1", text: strings["publications"])]
            guard !sections.isEmpty else { return body + [.element("p", text: strings["list.empty"])] }
            body.append(.element("nav", [("class", "toc"), ("aria-label", strings["publications.contents"])], [
                .element("ul", [], sections.map { section in
                    .element("li", [], [.link("#" + section.anchor, section.group.category ?? strings["publications.other"])])
                }),
            ]))
            for section in sections {
                body.append(.element("section", [("aria-labelledby", section.anchor)], [
                    .element("h2", [("id", section.anchor)], text: section.group.category ?? strings["publications.other"]),
                ] + section.group.years.map { year in
                    .fragment([
                        .element("h3", text: year.year.map(String.init) ?? strings["publications.undated"]),
                        .element("ul", [("class", "citations")], year.records.map { summary in
                            .element("li", [], [.link(root + summary.link, summary.citation)])
                        }),
                    ])
                }))
            }
            return body
        }
    }

    /// One category with its years.
    struct CategoryGroup {
        var category: String?
        var years: [(year: Int?, records: [RecordSummary])]
    }

    /// Categories in alphabetical order (by their folded form), nil last; years newest
    /// first, undated last; records in the order given (newest first from the catalog).
    static func grouped(_ publications: [RecordSummary]) -> [CategoryGroup] {
        var byCategory: [String?: [RecordSummary]] = [:]
        for summary in publications { byCategory[summary.category, default: []].append(summary) }
        let categories = byCategory.keys.sorted { a, b in
            switch (a, b) {
            case let (a?, b?): return (TextFolding.matchKey(a), a) < (TextFolding.matchKey(b), b)
            case (nil, _): return false
            case (_, nil): return true
            }
        }
        return categories.map { category in
            var byYear: [Int?: [RecordSummary]] = [:]
            for summary in byCategory[category] ?? [] { byYear[summary.year, default: []].append(summary) }
            let years = byYear.keys.sorted { ($0 ?? Int.min) > ($1 ?? Int.min) }
            return CategoryGroup(category: category, years: years.map { ($0, byYear[$0] ?? []) })
        }
    }
}

/// Fragment identifiers made from headings: a slug, unique within the page.
struct AnchorNames {
    private var used: Set<String> = []

    mutating func unique(for heading: String) -> String {
        let slug = TextFolding.slug(heading, maxLength: 60)
        let base = slug.isEmpty ? "abschnitt" : slug
        var name = base
        var counter = 2
        while used.contains(name) {
            name = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(name)
        return name
    }
}
