import ArchivarCore
import ArchivarHTML
import ArchivarMarkup
import Foundation

/// Turns a feed document into records.
public enum FeedParser {
    /// The records of a feed, and the problems met on the way.
    public struct Result: Sendable {
        public var records: [Record] = []
        public var problems: [Problem] = []
    }

    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let contentModule = "http://purl.org/rss/1.0/modules/content/"

    /// Parses `data` (the document at `url`) for `source`. Throws only when the bytes
    /// hold no feed at all; a damaged feed gives what could be recovered plus problems.
    public static func parse(_ data: Data, url: URL, source: SourceDefinition) throws -> Result {
        let document: MarkupDocument
        do {
            document = try MarkupParser.xml(data, url: url.absoluteString)
        } catch let error as ArchivarError {
            throw ArchivarError(stage: "rss", path: url.relativeDescription, location: error.location, "no feed could be read: \(error.message)")
        }
        guard let root = document.root else {
            throw ArchivarError(stage: "rss", path: url.relativeDescription, "the document has no root element")
        }
        var result = Result()
        result.problems = document.problems
        let reader = ItemReader(source: source, feedURL: url)
        switch (root.name, root.namespace) {
        case ("rss", _):
            guard let channel = root.first("channel") else {
                throw ArchivarError(stage: "rss", path: url.relativeDescription, location: "line \(root.line)", "<rss> has no <channel>")
            }
            let feed = reader.channelInfo(channel)
            result.records = channel.all("item").map { reader.rssItem($0, feed: feed) }
        case ("RDF", _):
            let feed = root.first("channel").map(reader.channelInfo) ?? FeedInfo()
            result.records = root.all("item").map { reader.rssItem($0, feed: feed) }
        case ("feed", atom10?), ("feed", atom03?), ("feed", nil):
            let feed = reader.atomFeedInfo(root)
            result.records = root.all("entry").map { reader.atomEntry($0, feed: feed) }
        default:
            throw ArchivarError(stage: "rss", path: url.relativeDescription, location: "line \(root.line)",
                                "this is not RSS or Atom: the root element is <\(root.name)>")
        }
        return result
    }
}

/// What the channel says about all its items.
struct FeedInfo {
    var title: String?
    /// The site the feed belongs to: the base for relative links of a feed read from a file.
    var link: String?
    var language: String?
    var authors: [Name] = []
}

/// Reads items and entries into records.
struct ItemReader {
    let source: SourceDefinition
    let feedURL: URL

    func channelInfo(_ channel: MarkupNode) -> FeedInfo {
        FeedInfo(title: text(channel.first("title")), link: text(channel.first("link")), language: text(channel.first("language") ?? channel.first("language", namespace: FeedParser.dublinCore)))
    }

    func atomFeedInfo(_ feed: MarkupNode) -> FeedInfo {
        let alternate = feed.all("link").first { ($0.attribute("rel") ?? "alternate") == "alternate" }
        return FeedInfo(title: text(feed.first("title")), link: alternate?.attribute("href"),
                 language: feed.attribute("lang", namespace: "http://www.w3.org/XML/1998/namespace"),
                 authors: atomAuthors(feed))
    }

    func rssItem(_ item: MarkupNode, feed: FeedInfo) -> Record {
        let base = baseURL(of: item, feed: feed)
        let link = (text(item.first("link")) ?? item.attribute("about", namespace: "http://www.w3.org/1999/02/22-rdf-syntax-ns#"))
            .flatMap { absolute($0, base: base) }
        let guid = text(item.first("guid"))
        let description = rawText(item.first("description"))
        let encoded = rawText(item.first("encoded", namespace: FeedParser.contentModule))
        let dateText = text(item.first("pubDate")) ?? text(item.first("date", namespace: FeedParser.dublinCore))
        var creators = item.all("creator", namespace: FeedParser.dublinCore).compactMap(text).map(Name.parse)
        if creators.isEmpty, let author = text(item.first("author")) { creators = [Self.rssAuthor(author)] }
        let categories = (item.all("category") + item.all("subject", namespace: FeedParser.dublinCore)).compactMap(text)
        return makeRecord(ItemFields(
            guid: guid, link: link, title: text(item.first("title")), summaryHTML: description,
            contentHTML: encoded ?? description, published: dateText, updated: nil, authors: creators,
            categories: categories, base: base, line: item.line), feed: feed)
    }

    func atomEntry(_ entry: MarkupNode, feed: FeedInfo) -> Record {
        let base = baseURL(of: entry, feed: feed)
        let links = entry.all("link")
        let alternate = links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first
        let link = alternate?.attribute("href").flatMap { absolute($0, base: base) }
        let authors = atomAuthors(entry)
        let categories = entry.all("category").compactMap { $0.attribute("term") ?? text($0) }
        return makeRecord(ItemFields(
            guid: text(entry.first("id")), link: link, title: atomText(entry.first("title")).map(HTMLText.plainText),
            summaryHTML: atomText(entry.first("summary")), contentHTML: atomText(entry.first("content")),
            published: text(entry.first("published") ?? entry.first("issued") ?? entry.first("created")),
            updated: text(entry.first("updated") ?? entry.first("modified")),
            authors: authors.isEmpty ? feed.authors : authors, categories: categories, base: base, line: entry.line), feed: feed)
    }

    private struct ItemFields {
        var guid: String?
        var link: String?
        var title: String?
        var summaryHTML: String?
        var contentHTML: String?
        var published: String?
        var updated: String?
        var authors: [Name]
        var categories: [String]
        var base: URL
        var line: Int
    }

    private func makeRecord(_ item: ItemFields, feed: FeedInfo) -> Record {
        var record = Record()
        let summary = item.summaryHTML.map(HTMLText.plainText).flatMap { $0.isEmpty ? nil : $0 }
        let content = item.contentHTML.map { HTMLSanitizer(baseURL: item.base).sanitize($0).markup }
        let plainContent = item.contentHTML.map(HTMLText.plainText) ?? ""
        var title = item.title.map(HTMLText.plainText) ?? ""
        if title.isEmpty {
            title = TextFolding.firstWords(summary ?? plainContent, count: 8)
        }
        let published = item.published.flatMap(DateText.parse)
        let identity = item.guid ?? item.link ?? "\(title)|\(item.published ?? "")"
        record.id = RecordIdentity.feedItemID(source: source.id, guid: identity)
        record.type = "post"
        record.title = title.isEmpty ? nil : title
        record.authors = item.authors
        record.link = item.link
        record.url = item.link
        record.summary = summary.map { TextFolding.firstWords($0, count: 60) }
        if let content, !content.isEmpty { record.content = content }
        if let published {
            record.published = DateText.rfc3339(published)
            let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/Berlin") ?? .current, from: published)
            if let year = parts.year { record.issued = IssuedDate(year: year, month: parts.month, day: parts.day) }
        }
        if let updated = item.updated.flatMap(DateText.parse) { record.updated = DateText.rfc3339(updated) }
        record.containerTitle = feed.title
        record.language = feed.language
        if !item.categories.isEmpty {
            record.setText("keyword", item.categories.joined(separator: ", "))
            record.category = item.categories.first
        }
        return record
    }

    /// RSS `author` is "mail@example.org (Name)" or a name.
    static func rssAuthor(_ text: String) -> Name {
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            return Name.parse(String(text[text.index(after: open)..<close]))
        }
        return text.contains("@") ? Name(literal: text) : Name.parse(text)
    }

    private func atomAuthors(_ node: MarkupNode) -> [Name] {
        node.all("author").compactMap { text($0.first("name")) }.map(Name.parse)
    }

    /// Atom text constructs: `text`, `html` (escaped markup) or `xhtml` (inline markup).
    private func atomText(_ node: MarkupNode?) -> String? {
        guard let node else { return nil }
        let type = (node.attribute("type") ?? node.attribute("mode") ?? "text").lowercased()
        if type == "xhtml" {
            let wrapper = node.first("div")
            return (wrapper?.innerXML ?? node.innerXML)
        }
        if type == "text" || type == "text/plain" {
            return HTMLEscaping.escapeText(node.text)
        }
        return node.text
    }

    private func text(_ node: MarkupNode?) -> String? {
        guard let node else { return nil }
        let value = TextFolding.clean(node.text)
        return value.isEmpty ? nil : value
    }

    private func rawText(_ node: MarkupNode?) -> String? {
        guard let value = node?.text, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value
    }

    /// `xml:base` or the feed's URL; for a feed read from a file, the site it links to.
    private func baseURL(of node: MarkupNode, feed: FeedInfo) -> URL {
        if let base = node.baseURI.flatMap(URL.init(string:)), !base.isFileURL { return base }
        if !feedURL.isFileURL { return feedURL }
        return feed.link.flatMap(URL.init(string:)) ?? feedURL
    }

    private func absolute(_ link: String, base: URL) -> String? {
        HTMLSanitizer(baseURL: base.isFileURL ? nil : base).safeURL(link.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
