import ArchivarCore
import ArchivarMarkup

/// The three texts of a record the full-text index holds: title, creators, body.
struct SearchText {
    let title: String
    let creators: String
    let body: String

    init(_ record: Record) {
        title = record.displayTitle
        creators = (record.authors + record.editors).map(\.displayName).joined(separator: "; ")
        var parts: [String] = []
        for field in ["container-title", "collection-title", "publisher", "publisher-place", "summary", "abstract", "category", "note"] {
            if let text = record.text(field) { parts.append(text) }
        }
        if case .array(let keywords)? = record["keyword"] {
            parts.append(keywords.compactMap(\.text).joined(separator: " "))
        } else if let keywords = record.text("keyword") {
            parts.append(keywords)
        }
        if let content = record.content { parts.append(HTMLText.plainText(content)) }
        body = parts.joined(separator: " \n ")
    }
}
