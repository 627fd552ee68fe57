import ArchivarCore
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
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let contentModule = "http://purl.org/rss/1.0/modules/content/"

    /// Parses `data` (the document at `url`) for `source`. The format (RSS 0.90–2.0, RDF,
    /// Atom 0.3/1.0) is read from the document. Throws only when the bytes hold no feed
    /// at all; a damaged feed gives what could be recovered plus problems with lines.
    /// - Parameter charset: the `charset` of the HTTP Content-Type; it wins over the XML declaration.
    public static func parse(_ data: Data, url: URL, source: SourceDefinition, charset: String? = nil) throws -> Result {
        let document: MarkupDocument
        do {
            document = try MarkupParser.xml(data, url: url.absoluteString, encoding: charset)
        } catch let error as ArchivarError {
            throw ArchivarError(stage: "rss", path: url.relativeDescription, location: error.location, "no feed could be read: \(error.message)")
        }
        guard let root = document.root else {
            throw ArchivarError(stage: "rss", path: url.relativeDescription, "the document has no root element")
        }
        var result = Result()
        result.problems = document.problems
        let reader = FeedItemReader(source: source, feedURL: url)
        let items: [FeedItemReader.Item]
        switch (root.name, root.namespace) {
        case ("rss", _):
            guard let channel = root.first("channel") else {
                throw ArchivarError(stage: "rss", path: url.relativeDescription, location: "line \(root.line)", "<rss> has no <channel>")
            }
            let feed = reader.channelInfo(channel)
            // Items belong in the channel; some generators put them beside it.
            items = elements("item", namespace: channel.namespace, in: root).map { reader.rssItem($0, feed: feed) }
        case ("RDF", _):
            let channel = root.first("channel")
            let feed = channel.map(reader.channelInfo) ?? FeedInfo()
            // RSS 0.90 and 1.0 differ only in the namespace of channel and items.
            items = elements("item", namespace: (channel ?? root.first("item"))?.namespace, in: root).map { reader.rssItem($0, feed: feed) }
        case ("feed", atom10?), ("feed", atom03?), ("feed", nil):
            let feed = reader.atomFeedInfo(root)
            items = elements("entry", namespace: root.namespace, in: root).map { reader.atomEntry($0, feed: feed) }
        default:
            throw ArchivarError(stage: "rss", path: url.relativeDescription, location: "line \(root.line)",
                                "this is not RSS or Atom: the root element is <\(root.name)>")
        }
        var seen: [String: Int] = [:]
        for item in items {
            result.problems += item.problems
            guard !item.isEmpty else {
                result.problems.append(Problem(line: item.line, "an item without title, link or text; skipped"))
                continue
            }
            if let first = seen[item.record.id] {
                result.problems.append(Problem(line: item.line, "the same item as on line \(first) (same guid or link); the first is kept"))
                continue
            }
            seen[item.record.id] = item.line
            result.records.append(item.record)
        }
        return result
    }

    /// Every element `name` in `namespace` below `root`, in document order, also where
    /// broken markup left it nested inside another item.
    private static func elements(_ name: String, namespace: String?, in root: MarkupNode) -> [MarkupNode] {
        var found: [MarkupNode] = []
        func visit(_ node: MarkupNode) {
            for child in node.elements {
                if child.name == name, child.namespace == namespace { found.append(child) }
                visit(child)
            }
        }
        visit(root)
        return found
    }
}
