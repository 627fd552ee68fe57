import ArchivarCore
import ArchivarHTML
import ArchivarMarkup
import Foundation

/// What the channel says about all its items.
struct FeedInfo: Sendable, Equatable {
    let title: String?
    /// The site the feed belongs to: the base for relative links of a feed read from a file.
    let link: String?
    /// `link` parsed, once for all items.
    let linkURL: URL?
    let language: String?
    let authors: [Name]

    init(title: String? = nil, link: String? = nil, language: String? = nil, authors: [Name] = []) {
        self.title = title
        self.link = link
        linkURL = link.flatMap(URL.init(string:))
        self.language = language
        self.authors = authors
    }
}

/// Reads RSS items and Atom entries into records. A class: every task and thread reading
/// items of a feed shares one.
final class FeedItemReader: Sendable {
    /// One item read: its record, where it starts and what was wrong with it.
    struct Item: Sendable {
        var record: Record
        var line: Int
        var problems: [Problem] = []
        /// Nothing to show: no title, no link, no text (e.g. an item whose only text was an entity bomb).
        var isEmpty: Bool { record.title == nil && record.link == nil && record.content == nil }
    }

    let source: SourceDefinition
    let feedURL: URL
    /// `feedURL` as libxml2 gives it for a node without `xml:base`, and that text parsed.
    private let documentURI: String
    private let documentBase: URL?

    init(source: SourceDefinition, feedURL: URL) {
        self.source = source
        self.feedURL = feedURL
        documentURI = feedURL.absoluteString
        documentBase = URL(string: documentURI)
    }

    func channelInfo(_ channel: MarkupNode) -> FeedInfo {
        FeedInfo(title: text(channel.first("title")), link: text(channel.first("link")),
                 language: text(channel.first("language") ?? channel.first("language", namespace: FeedParser.dublinCore)))
    }

    func atomFeedInfo(_ feed: MarkupNode) -> FeedInfo {
        FeedInfo(title: atomText(feed.first("title")).map { HTMLText.plainText($0.markup) }, link: alternateLink(feed)?.attribute("href"),
                 language: feed.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace"),
                 authors: atomAuthors(feed))
    }

    /// An RSS 0.9x/2.0 item or an RDF (RSS 0.90/1.0) item.
    func rssItem(_ item: MarkupNode, feed: FeedInfo) -> Item {
        let base = baseURL(of: item, feed: feed)
        let guidNode = item.first(Names.guid)
        let guid = text(guidNode)
        // A permalink guid is the item's link when the item has none (RSS 2.0 §guid).
        let permalink = guidNode?.attribute("isPermaLink")?.lowercased() == "false" ? nil : guid.flatMap { $0.contains("://") ? $0 : nil }
        let link = (text(item.first(Names.link)) ?? item.attribute("about", namespace: FeedParser.rdf) ?? permalink)
            .flatMap { absolute($0, base: base) }
        let description = html(item.first(Names.description))
        let encoded = html(item.first(Names.encoded))
        let dateNode = item.first(Names.pubDate) ?? item.first(Names.dcDate)
        var creators = item.all(Names.dcCreator).compactMap(text).map(Name.parse)
        if creators.isEmpty, let author = text(item.first(Names.author)) { creators = [Self.rssAuthor(author)] }
        let categories = (item.all(Names.category) + item.all(Names.dcSubject)).compactMap(text)
        return makeItem(ItemFields(
            guid: guid, link: link, title: rawText(item.first(Names.title)), summaryHTML: description,
            contentHTML: encoded ?? description, published: text(dateNode), publishedLine: dateNode?.line ?? item.line,
            updated: nil, authors: creators, categories: categories, base: base, line: item.line), feed: feed)
    }

    /// An Atom 1.0 or 0.3 entry.
    func atomEntry(_ entry: MarkupNode, feed: FeedInfo) -> Item {
        let base = baseURL(of: entry, feed: feed)
        let linkNode = alternateLink(entry)
        let link = linkNode.flatMap { node in node.attribute("href").flatMap { absolute($0, base: baseURL(of: node, feed: feed)) } }
        let authors = atomAuthors(entry)
        let categories = entry.all(Names.category).compactMap { $0.attribute("term") ?? text($0) }
        let publishedNode = entry.first(Names.published) ?? entry.first(Names.issued) ?? entry.first(Names.created)
        let updatedNode = entry.first(Names.updated) ?? entry.first(Names.modified)
        let contentNode = entry.first(Names.content)
        return makeItem(ItemFields(
            guid: text(entry.first(Names.id)), link: link, title: atomText(entry.first(Names.title))?.markup,
            summaryHTML: atomText(entry.first(Names.summary)), contentHTML: atomText(contentNode),
            // Atom 1.0 makes `published` optional: an entry with only `updated` was published then.
            published: text(publishedNode ?? updatedNode), publishedLine: (publishedNode ?? updatedNode)?.line ?? entry.line,
            updated: text(updatedNode), authors: authors.isEmpty ? feed.authors : authors, categories: categories,
            base: contentNode.map { baseURL(of: $0, feed: feed) } ?? base, line: entry.line), feed: feed)
    }

    /// The names of the elements items are read from, made once.
    private enum Names {
        static let guid = MarkupName.inAnyNamespace("guid"), link = MarkupName.inAnyNamespace("link")
        static let title = MarkupName.inAnyNamespace("title"), description = MarkupName.inAnyNamespace("description")
        static let pubDate = MarkupName.inAnyNamespace("pubDate"), author = MarkupName.inAnyNamespace("author")
        static let category = MarkupName.inAnyNamespace("category"), name = MarkupName.inAnyNamespace("name")
        static let encoded = MarkupName("encoded", namespace: FeedParser.contentModule)
        static let dcDate = MarkupName("date", namespace: FeedParser.dublinCore)
        static let dcCreator = MarkupName("creator", namespace: FeedParser.dublinCore)
        static let dcSubject = MarkupName("subject", namespace: FeedParser.dublinCore)
        static let id = MarkupName.inAnyNamespace("id"), summary = MarkupName.inAnyNamespace("summary")
        static let content = MarkupName.inAnyNamespace("content"), published = MarkupName.inAnyNamespace("published")
        static let issued = MarkupName.inAnyNamespace("issued"), created = MarkupName.inAnyNamespace("created")
        static let updated = MarkupName.inAnyNamespace("updated"), modified = MarkupName.inAnyNamespace("modified")
    }

    private struct ItemFields {
        var guid: String?
        var link: String?
        var title: String?
        var summaryHTML: FeedHTML?
        var contentHTML: FeedHTML?
        var published: String?
        var publishedLine: Int
        var updated: String?
        var authors: [Name]
        var categories: [String]
        var base: URL
        var line: Int
    }

    private func makeItem(_ item: ItemFields, feed: FeedInfo) -> Item {
        var problems: [Problem] = []
        let summary = item.summaryHTML.map { HTMLText.plainText($0.markup) }.flatMap { $0.isEmpty ? nil : $0 }
        let content = item.contentHTML?.sanitized(by: HTMLSanitizer(baseURL: item.base.isFileURL ? nil : item.base))
        // Needed only for an item without title or date.
        lazy var plainContent = item.contentHTML.map { HTMLText.plainText($0.markup) } ?? ""
        var title = item.title.map(HTMLText.plainText) ?? ""
        if title.isEmpty {
            title = TextFolding.firstWords(summary ?? plainContent, count: 8)
        }
        var published = item.published.flatMap(DateText.parse)
        if let text = item.published, published == nil {
            problems.append(Problem(line: item.publishedLine, "unreadable date \"\(text)\"; the item is kept without it"))
        }
        if item.published == nil {
            published = DateText.dateline(summary ?? plainContent)
        }
        let identity = item.guid ?? item.link ?? "\(title)|\(item.published ?? "")"
        var record = Record.post(id: RecordIdentity.feedItemID(source: source.id, guid: identity),
                                 title: title.isEmpty ? nil : title, link: item.link, summary: summary)
        record.authors = item.authors
        if let content { record.setContent(content) }
        if let published { record.setPublished(published) }
        if let updated = item.updated.flatMap(DateText.parse) { record.updated = DateText.rfc3339(updated) }
        record.containerTitle = feed.title
        record.language = feed.language
        if !item.categories.isEmpty {
            record.setText("keyword", item.categories.joined(separator: ", "))
            record.category = item.categories.first
        }
        return Item(record: record, line: item.line, problems: problems)
    }

    /// RSS `author` is "mail@example.org (Name)" or a name.
    static func rssAuthor(_ text: String) -> Name {
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            return Name.parse(String(text[text.index(after: open)..<close]))
        }
        return text.contains("@") ? Name(literal: text) : Name.parse(text)
    }

    private func atomAuthors(_ node: MarkupNode) -> [Name] {
        node.all(Names.author).compactMap { text($0.first(Names.name)) }.map(Name.parse)
    }

    /// The `link` with `rel="alternate"` (the default), else the first link.
    private func alternateLink(_ node: MarkupNode) -> MarkupNode? {
        let links = node.all(Names.link)
        return links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first
    }

    /// Atom text constructs as HTML: 1.0 `text`, `html` (escaped markup), `xhtml` (inline
    /// markup in a `div`); 0.3 `mode="escaped"`, `mode="xml"` and `mode="base64"`.
    /// Spec: RFC 4287 §3.1; Atom 0.3 §3.1.2.
    private func atomText(_ node: MarkupNode?) -> FeedHTML? {
        guard let node else { return nil }
        let type = (node.attribute("type") ?? "text").lowercased()
        let mode = node.attribute("mode")?.lowercased()
        let isHTML = type == "html" || type.hasSuffix("/html") || mode == "escaped"
        if mode == "base64" {
            let decoded = Data(base64Encoded: node.text, options: .ignoreUnknownCharacters).flatMap { String(data: $0, encoding: .utf8) }
            guard let decoded else { return nil }
            return .markup(isHTML ? decoded : HTMLEscaping.escapeText(decoded))
        }
        if type == "xhtml" || type.hasSuffix("xhtml+xml") || mode == "xml" {
            let wrapper = node.elements.count == 1 ? node.first("div") : nil
            return .markup((wrapper ?? node).innerXML)
        }
        return isHTML ? .textOf(node) : .markup(HTMLEscaping.escapeText(node.text))
    }

    private func text(_ node: MarkupNode?) -> String? {
        guard let node else { return nil }
        let value = TextFolding.clean(node.text)
        return value.isEmpty ? nil : value
    }

    private func rawText(_ node: MarkupNode?) -> String? {
        guard let value = node?.text, value.unicodeScalars.contains(where: { !TextFolding.isSpace($0) }) else { return nil }
        return value
    }

    /// The text of `node` as HTML, unless it is blank.
    private func html(_ node: MarkupNode?) -> FeedHTML? {
        guard let node, !node.withText(TextFolding.isBlank) else { return nil }
        return .textOf(node)
    }

    /// `xml:base` (nested, resolved by libxml2 against the feed's URL); for a feed read
    /// from a file without `xml:base`, the site it links to.
    private func baseURL(of node: MarkupNode, feed: FeedInfo) -> URL {
        // Most items have no `xml:base` of their own: the document's URL, parsed once.
        if let base = node.baseURI.flatMap({ $0 == documentURI ? documentBase : URL(string: $0) }), !base.isFileURL { return base }
        if !feedURL.isFileURL { return feedURL }
        return feed.linkURL ?? feedURL
    }

    private func absolute(_ link: String, base: URL) -> String? {
        HTMLSanitizer(baseURL: base.isFileURL ? nil : base).safeURL(TextFolding.trimmed(link))
    }
}
