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
        let feed = try FeedDocument(data, url: url, source: source, charset: charset)
        var result = Result()
        result.problems = feed.problems
        var sifter = FeedDocument.Sifter()
        for item in feed.read(0..<feed.count) {
            let (record, problems) = sifter.take(item)
            result.problems += problems
            if let record { result.records.append(record) }
        }
        return result
    }
}

/// A parsed feed whose items are read into records on demand, in document order: the
/// `rss` plugin reads the next items while the pipeline stores the ones before.
struct FeedDocument: Sendable {
    /// What the XML parser reported (recovered errors with their lines).
    let problems: [Problem]
    private let items: [MarkupNode]
    private let reader: FeedItemReader
    private let feed: FeedInfo
    private let isAtom: Bool
    /// Keeps the parsed tree alive while items are read.
    private let document: MarkupDocument

    /// Parses the document and finds its items; see `FeedParser.parse`.
    init(_ data: Data, url: URL, source: SourceDefinition, charset: String?) throws {
        do {
            document = try MarkupParser.xml(data, url: url.absoluteString, encoding: charset)
        } catch let error as ArchivarError {
            throw ArchivarError(stage: "rss", path: url.relativeDescription, location: error.location, "no feed could be read: \(error.message)")
        }
        guard let root = document.root else {
            throw ArchivarError(stage: "rss", path: url.relativeDescription, "the document has no root element")
        }
        problems = document.problems
        reader = FeedItemReader(source: source, feedURL: url)
        switch (root.name, root.namespace) {
        case ("rss", _):
            guard let channel = root.first("channel") else {
                throw ArchivarError(stage: "rss", path: url.relativeDescription, location: "line \(root.line)", "<rss> has no <channel>")
            }
            feed = reader.channelInfo(channel)
            // Items belong in the channel; some generators put them beside it, and broken
            // markup can leave one nested inside another.
            items = root.descendants("item", namespace: channel.namespace)
            isAtom = false
        case ("RDF", _):
            let channel = root.first("channel")
            feed = channel.map(reader.channelInfo) ?? FeedInfo()
            // RSS 0.90 and 1.0 differ only in the namespace of channel and items.
            items = root.descendants("item", namespace: (channel ?? root.first("item"))?.namespace)
            isAtom = false
        case ("feed", FeedParser.atom10?), ("feed", FeedParser.atom03?), ("feed", nil):
            feed = reader.atomFeedInfo(root)
            items = root.descendants("entry", namespace: root.namespace)
            isAtom = true
        default:
            throw ArchivarError(stage: "rss", path: url.relativeDescription, location: "line \(root.line)",
                                "this is not RSS or Atom: the root element is <\(root.name)>")
        }
    }

    /// The number of items (RSS `item`, Atom `entry`).
    var count: Int { items.count }

    /// The items in `range`, read into records.
    func read(_ range: Range<Int>) -> [FeedItemReader.Item] {
        items[range].map { isAtom ? reader.atomEntry($0, feed: feed) : reader.rssItem($0, feed: feed) }
    }

    /// Reads every item in batches of `size`, in document order, and hands each batch to
    /// `body`. The next `ahead` batches are read on tasks of their own meanwhile, so the
    /// other cores parse while this one stores (or prints).
    func readInBatches(of size: Int, ahead: Int = 2, _ body: ([FeedItemReader.Item]) async throws -> Void) async throws {
        var pending: [Task<[FeedItemReader.Item], Never>] = []
        var next = 0
        func readAhead() {
            while pending.count < ahead, next < count {
                let range = next..<min(next + size, count)
                pending.append(Task { self.read(range) })
                next = range.upperBound
            }
        }
        readAhead()
        while !pending.isEmpty {
            let items = await pending.removeFirst().value
            readAhead()
            try await body(items)
        }
    }

    /// Decides, item by item in document order, which items become records: not an empty
    /// one, not the same item (guid or link) a second time.
    struct Sifter {
        private var seen: [String: Int] = [:]

        /// The item's record, if it is kept, and its problems (including why it was not).
        mutating func take(_ item: FeedItemReader.Item) -> (record: Record?, problems: [Problem]) {
            var problems = item.problems
            guard !item.isEmpty else {
                problems.append(Problem(line: item.line, "an item without title, link or text; skipped"))
                return (nil, problems)
            }
            if let first = seen[item.record.id] {
                problems.append(Problem(line: item.line, "the same item as on line \(first) (same guid or link); the first is kept"))
                return (nil, problems)
            }
            seen[item.record.id] = item.line
            return (item.record, problems)
        }
    }
}
