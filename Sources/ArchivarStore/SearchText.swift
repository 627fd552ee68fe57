import ArchivarCore
import ArchivarMarkup

/// The four texts of a record the full-text index holds, weighed in this order by ranking:
/// title, creators, abstract (summary, abstract, keywords: what the record is about) and
/// body (where it appeared, notes, the full text). None holds `MarkedSnippet`'s markers.
struct SearchText {
    let title: String
    let creators: String
    let abstract: String
    let body: String

    init(_ record: Record) {
        title = MarkedSnippet.withoutMarkers(record.displayTitle)
        creators = MarkedSnippet.withoutMarkers((record.authors + record.editors).map(\.displayName).joined(separator: "; "))
        var about: [String] = []
        for field in ["summary", "abstract"] {
            if let text = record.text(field) { about.append(text) }
        }
        if case .array(let keywords)? = record["keyword"] {
            about.append(keywords.compactMap(\.text).joined(separator: " "))
        } else if let keywords = record.text("keyword") {
            about.append(keywords)
        }
        abstract = MarkedSnippet.withoutMarkers(about.joined(separator: " \n "))
        var parts: [String] = []
        for field in ["container-title", "collection-title", "publisher", "publisher-place", "category", "note"] {
            if let text = record.text(field) { parts.append(text) }
        }
        if let content = record.content { parts.append(record.sanitizedContent?.plainText ?? HTMLText.plainText(content)) }
        body = MarkedSnippet.withoutMarkers(parts.joined(separator: " \n "))
    }
}
