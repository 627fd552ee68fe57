import ArchivarCore
import ArchivarHTML

/// `records/<id>/index.html`: everything known about one record, with the metadata
/// reference managers and search engines read (Highwire tags, JSON-LD, canonical link).
enum RecordPage {
    static func write(_ record: Record, site: ArchiveSite, context: PublishContext) throws {
        let canonical = site.absolute(ArchivePath.recordLink(record.id))
        var head: [HTMLNode] = [.element("link", [("rel", "canonical"), ("href", canonical)])]
        if let description = record.abstract ?? record.summary {
            head.append(.element("meta", [("name", "description"), ("content", TextFolding.firstWords(description, count: 40))]))
        }
        head += HighwireTags.nodes(for: record, canonical: canonical)
        head.append(RecordJSONLD.node(for: record, canonical: canonical))
        try site.write(ArchivePath.recordFile(record.id), in: context, title: record.displayTitle, head: head) { root in
            [article(record, root: root, site: site)]
        }
    }

    private static func article(_ record: Record, root: String, site: ArchiveSite) -> HTMLNode {
        let strings = site.strings
        var children: [HTMLNode] = [
            .element("header", [], [
                .element("p", [("class", "kind")], text: strings.kindName(record.kind) + " · " + strings.typeName(record.type)),
                .element("h1", text: record.displayTitle),
            ]),
            .element("section", [("aria-labelledby", "citation")], [
                .element("h2", [("id", "citation")], text: strings["record.citation"]),
                .element("p", [("class", "citation")], text: GermanCitation.format(record)),
            ]),
            facts(record, root: root, site: site),
        ]
        if let abstract = record.abstract ?? record.summary {
            children.append(.element("section", [("aria-labelledby", "abstract")], [
                .element("h2", [("id", "abstract")], text: strings["record.abstract"]),
                .element("p", text: abstract),
            ]))
        }
        if let content = record.content, !content.isEmpty {
            children.append(.element("section", [("aria-labelledby", "fulltext")], [
                .element("h2", [("id", "fulltext")], text: strings["record.content"]),
                // The catalog stores `content` only after the HTML sanitizer has run (SPEC §3).
                .element("div", [("class", "content")], [.sanitized(SanitizedHTML(trusted: content))]),
            ]))
        }
        if let original = record.originalLink {
            children.append(.element("p", [("class", "original")], [.link(original, strings["record.original"], [("rel", "external")])]))
        }
        return .element("article", [("class", "record")], children)
    }

    /// The record's facts as a description list: people (linked to their pages), date, type, category, source, identifiers.
    private static func facts(_ record: Record, root: String, site: ArchiveSite) -> HTMLNode {
        let strings = site.strings
        var rows: [(String, HTMLNode)] = []
        for (label, names) in [(strings["record.authors"], record.authors), (strings["record.editors"], record.editors)] where !names.isEmpty {
            rows.append((label, LinkedPerson.node(names.map { site.person($0, in: record) }, root: root)))
        }
        if let date = DisplayDate(record: record, language: strings.language) { rows.append((strings["record.published"], date.node)) }
        if let container = record.containerTitle { rows.append((strings["record.container"], .text(container))) }
        rows.append((strings["record.type"], .text(strings.typeName(record.type))))
        if let category = record.category { rows.append((strings["record.category"], .text(category))) }
        if let source = record.source {
            let title = site.sourceTitle(source)
            rows.append((strings["record.source"],
                         record.kind == RecordKind.partner ? .link(root + ArchivePath.partnerDirectory(source).link, title) : .text(title)))
        }
        if let keywords = record.text("keyword") { rows.append((strings["record.keywords"], .text(keywords))) }
        let identifiers = [("ISBN", record.isbn), ("ISSN", record.text("ISSN")), ("DOI", record.doi)]
        for case let (label, value?) in identifiers { rows.append((label, .text(value))) }
        return .element("dl", [("class", "facts")], rows.flatMap { label, value in
            [.element("dt", text: label), .element("dd", [], [value])]
        })
    }
}
