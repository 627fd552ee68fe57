import ArchivarCore
import ArchivarMarkup

/// One feed entry, taken from a record: only what the feed shows, so a feed holds
/// fifty of these rather than fifty records.
/// Spec: RFC 4287 §4.1.2 The "atom:entry" Element.
struct AtomEntry: Sendable {
    /// The record page's URL: stable for as long as the record id is.
    var id: String
    var title: String
    /// RFC 3339 UTC; changes only when the record's own dates do.
    var updated: String
    var published: String?
    var related: String?
    /// Display names; empty means the feed-level author stands for the entry.
    var authors: [String]
    var summary: String
    /// Sanitized HTML of the record's content, sent as `type="html"`.
    var content: String?
    var category: String?

    /// Nil for a record without id (it has no page to point to).
    init?(record: Record, address: FeedAddress) {
        guard let page = address.recordPage(id: record.id) else { return nil }
        id = page
        title = record.displayTitle
        let issued = record.issued.flatMap { AtomDate.rfc3339($0) }
        published = record.published.flatMap(AtomDate.rfc3339) ?? issued
        let changed = record.updated.flatMap(AtomDate.rfc3339) ?? published
        // An entry is never updated before it was published; with no date at all the
        // entry keeps one fixed time rather than the time of publishing.
        updated = [changed, published].compactMap { $0 }.max() ?? AtomDate.beginningOfTime
        related = record.originalLink
        authors = record.creators.map(\.displayName).filter { !$0.isEmpty }
        summary = [record.summary, record.abstract].compactMap { $0 }.first { !$0.isEmpty } ?? GermanCitation.format(record)
        content = record.content.flatMap { $0.isEmpty ? nil : $0 }
        category = record.category
    }

    /// Writes the `<entry>` element.
    func write(to xml: inout XMLWriter) {
        xml.element("entry") { xml in
            xml.element("id", text: id)
            xml.element("title", [("type", "text")], text: title)
            xml.element("updated", text: updated)
            if let published { xml.element("published", text: published) }
            xml.emptyElement("link", [("rel", "alternate"), ("type", "text/html"), ("href", id)])
            if let related { xml.emptyElement("link", [("rel", "related"), ("href", related)]) }
            for name in authors {
                xml.element("author") { xml in xml.element("name", text: name) }
            }
            if let category { xml.emptyElement("category", [("term", category)]) }
            xml.element("summary", [("type", "text")], text: summary)
            if let content { xml.element("content", [("type", "html")], text: content) }
        }
    }
}
