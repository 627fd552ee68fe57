import ArchivarCore
import ArchivarMarkup
import Foundation

/// Cuts one fetched web page into records with the selectors of its source: one
/// record (type `post`, like a feed item) per element the `item` selector matches.
public struct PageScraper {
    /// The records of a page, and the problems met on the way.
    public struct Result: Sendable {
        public var records: [Record] = []
        public var problems: [Problem] = []
    }

    let selectors: ScrapeSelectors
    let source: SourceDefinition

    /// A scraper for the pages of `source`, cut with its compiled `selectors`.
    public init(selectors: ScrapeSelectors, source: SourceDefinition) {
        self.selectors = selectors
        self.source = source
    }

    /// The items of `page`. Throws only when no HTML could be read or a selector cannot
    /// be evaluated; an item without a title is skipped and reported.
    public func scrape(_ page: FetchedDocument) throws -> Result {
        guard let document = MarkupParser.htmlDocument(page), let root = document.root else {
            throw ArchivarError(stage: "scrape", path: page.url.relativeDescription, "no HTML could be read from the page")
        }
        var result = Result()
        let items = try nodes(selectors.item, on: root)
        if items.isEmpty {
            result.problems.append(Problem(
                "the item selector \"\(selectors.item.xpath.expression)\" matched nothing — has the page changed?"))
        }
        let links = HTMLSanitizer(baseURL: baseURL(of: root, page: page.url))
        let pageTitle = root.first("head")?.first("title").map { TextFolding.clean($0.text) }
        for (index, item) in items.enumerated() {
            let number = index + 1
            guard let title = try text(selectors.title, in: item) else {
                result.problems.append(Problem(line: item.line,
                    "item \(number) has no title (selector \"\(selectors.title.xpath.expression)\"): skipped"))
                continue
            }
            let link = try text(selectors.link, in: item).flatMap { links.safeURL($0) }
            var record = Record.post(id: RecordIdentity.feedItemID(source: source.id, guid: link ?? title),
                                     title: title, link: link, summary: try text(selectors.summary, in: item))
            if let dateText = try text(selectors.date, in: item) {
                if let date = DateText.parse(dateText) {
                    record.setPublished(date)
                } else {
                    result.problems.append(Problem(line: item.line, "item \(number): \"\(dateText)\" is not a date Archivar understands"))
                }
            }
            record.containerTitle = pageTitle.flatMap { $0.isEmpty ? nil : $0 }
            record.language = root.attribute("lang")
            result.records.append(record)
        }
        return result
    }

    private func nodes(_ selector: ScrapeSelectors.Selector, on node: MarkupNode) throws -> [MarkupNode] {
        switch try selectors.evaluate(selector, on: node) {
        case .nodes(let nodes): return nodes
        case .text: return []
        }
    }

    /// The plain text of the first match of `selector` within `item`: an element's
    /// readable text, an attribute's value, or a string result; nil when empty.
    private func text(_ selector: ScrapeSelectors.Selector?, in item: MarkupNode) throws -> String? {
        guard let selector else { return nil }
        let value: String
        switch try selectors.evaluate(selector, on: item) {
        case .nodes(let nodes):
            guard let first = nodes.first else { return nil }
            value = first.isElement ? HTMLText.plainText(first.innerXML) : TextFolding.clean(first.text)
        case .text(let text):
            value = TextFolding.clean(text)
        }
        return value.isEmpty ? nil : value
    }

    /// `<base href>` resolved against the page's address, else the address itself; nil
    /// for a page read from a file (its relative links have no web address to resolve to).
    private func baseURL(of root: MarkupNode, page: URL) -> URL? {
        let base = root.baseURI.flatMap { URL(string: $0, relativeTo: page)?.absoluteURL } ?? page
        return base.isFileURL ? nil : base
    }
}
