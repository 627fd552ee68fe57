import Foundation
import ArchivarCore
import ArchivarHTML

/// Highwire Press `citation_*` meta tags, which Google Scholar and Zotero read.
/// Spec: Google Scholar inclusion guidelines, "Indexing" (scholar.google.com/intl/en/scholar/inclusion.html).
enum HighwireTags {
    static func nodes(for record: Record, canonical: String) -> [HTMLNode] {
        var tags: [(String, String)] = [("citation_title", record.displayTitle)]
        tags += record.authors.map { ("citation_author", $0.inverted) }
        tags += record.editors.map { ("citation_editor", $0.inverted) }
        if let date = publicationDate(record) { tags.append(("citation_publication_date", date)) }
        if let container = record.containerTitle {
            switch record.type {
            case "article-journal", "article-magazine", "article-newspaper", "periodical":
                tags.append(("citation_journal_title", container))
            case "paper-conference":
                tags.append(("citation_conference_title", container))
            default:
                tags.append(("citation_inbook_title", container))
            }
        }
        if let publisher = record.publisher {
            switch record.type {
            case "thesis": tags.append(("citation_dissertation_institution", publisher))
            case "report": tags.append(("citation_technical_report_institution", publisher))
            default: tags.append(("citation_publisher", publisher))
            }
        }
        let plain: [(String, String?)] = [
            ("citation_volume", record.text("volume")), ("citation_issue", record.text("issue")),
            ("citation_firstpage", pages(record)?.first), ("citation_lastpage", pages(record)?.last),
            ("citation_isbn", record.isbn), ("citation_issn", record.text("ISSN")), ("citation_doi", record.doi),
            ("citation_language", record.language), ("citation_abstract_html_url", canonical),
        ]
        tags += plain.compactMap { name, value in value.map { (name, $0) } }
        if let keywords = record.text("keyword") { tags.append(("citation_keywords", keywords)) }
        return tags.filter { !$0.1.isEmpty }.map { name, content in
            .element("meta", [("name", name), ("content", content)])
        }
    }

    /// `2016`, `2016/05` or `2016/05/13`: the form Scholar asks for.
    private static func publicationDate(_ record: Record) -> String? {
        guard let date = DisplayDate(record: record, language: "en") else { return nil }
        return date.machine.replacingOccurrences(of: "-", with: "/")
    }

    /// First and last page of a `page` range such as `12-34` or `12–34`.
    private static func pages(_ record: Record) -> (first: String, last: String)? {
        guard let page = record.text("page") else { return nil }
        let bounds = page.split(whereSeparator: { $0 == "-" || $0 == "–" }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = bounds.first, !first.isEmpty else { return nil }
        return (first, bounds.count > 1 ? bounds[bounds.count - 1] : first)
    }
}
