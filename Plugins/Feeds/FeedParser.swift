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
        var sifter = FeedDocument.Sifter(expecting: feed.count)
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
    private let layout: FeedLayout
    /// Items read while the document was parsed (`ItemReadAhead`), each handed out once.
    private let readAhead: ReadAheadItems
    /// Keeps the parsed tree alive while items are read.
    private let document: MarkupDocument

    /// Parses the document and finds its items; see `FeedParser.parse`. Meanwhile threads
    /// of their own, as many as there are other cores, read the items the parser has
    /// finished (`ItemReadAhead`), unless `readsAhead` is false.
    init(_ data: Data, url: URL, source: SourceDefinition, charset: String?, readsAhead: Bool = true) throws {
        let reader = FeedItemReader(source: source, feedURL: url)
        let readAhead = readsAhead ? ItemReadAhead(reader: reader, threads: max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) : nil
        let document = Result { try Self.parse(data, url: url, charset: charset, elementEnded: readAhead?.elementEnded) }
        let read = readAhead?.finish() ?? [:]
        try self.init(document.get(), url: url, reader: reader, readAhead: read, readWith: readAhead?.feed,
                      ended: readAhead?.ended)
    }

    private static func parse(_ data: Data, url: URL, charset: String?,
                              elementEnded: ((MarkupNode) -> Void)? = nil) throws -> MarkupDocument {
        do {
            return try MarkupParser.xml(data, url: url.absoluteString, encoding: charset, handingOver: FeedLayout.itemNames,
                                        elementEnded: elementEnded)
        } catch let error as ArchivarError {
            throw ArchivarError(stage: "rss", path: url.relativeDescription, location: error.location, "no feed could be read: \(error.message)")
        }
    }

    /// `ended`: the elements of items' names the parse handed over, in the order it finished them.
    private init(_ document: MarkupDocument, url: URL, reader: FeedItemReader,
                 readAhead: [MarkupNode: FeedItemReader.Item], readWith speculativeFeed: FeedInfo?, ended: [MarkupNode]?) throws {
        guard let root = document.root else {
            throw ArchivarError(stage: "rss", path: url.relativeDescription, "the document has no root element")
        }
        do {
            layout = try FeedLayout(root: root)
        } catch {
            switch error {
            case .noChannel(let line):
                throw ArchivarError(stage: "rss", path: url.relativeDescription, location: "line \(line)", "<rss> has no <channel>")
            case .notAFeed(let name, let line):
                throw ArchivarError(stage: "rss", path: url.relativeDescription, location: "line \(line)",
                                    "this is not RSS or Atom: the root element is <\(name)>")
            }
        }
        self.document = document
        self.reader = reader
        problems = document.problems
        feed = layout.info(reader)
        // The parse handed over every element of an item's name only if it reported no error
        // (else the document may hold elements never closed, or be another parser's tree).
        let handedOverAll = document.problems.isEmpty && ended?.allSatisfy(document.contains) == true
        items = layout.items(under: root, ended: handedOverAll ? ended : nil)
        // Read with what the feed said about itself before its end: still right if that stayed
        // (and if the parser kept the document it handed the items from).
        self.readAhead = ReadAheadItems(speculativeFeed == feed && readAhead.keys.allSatisfy(document.contains) ? readAhead : [:])
        itemsReadAhead = self.readAhead.count
    }

    /// The number of items (RSS `item`, Atom `entry`).
    var count: Int { items.count }

    /// How many items were read while the document was parsed and kept.
    let itemsReadAhead: Int

    /// The items in `range`, read into records. (An item read ahead is handed out the first
    /// time; later it is read again.)
    func read(_ range: Range<Int>) -> [FeedItemReader.Item] {
        items[range].map { readAhead.take($0) ?? layout.read($0, with: reader, feed: feed) }
    }

    /// Reads every item in document order and hands them to `body` in batches of at most
    /// `size` items still to read (and `4 × size` items in all). Batches are read on tasks of
    /// their own ahead of `body`, so that the other cores read while this one stores (or
    /// prints): `ahead` batches' worth of items to read, and more while `body` hands on items
    /// read during the parse (a quarter as many: handing one on takes a fraction of reading
    /// one), so that the other cores do not run out of items to read meanwhile.
    func readInBatches(of size: Int, ahead: Int, _ body: ([FeedItemReader.Item]) async throws -> Void) async throws {
        var pending: [(task: Task<[FeedItemReader.Item], Never>, unread: Int, readAhead: Int)] = []
        var unreadPending = 0, readAheadPending = 0
        var next = 0
        func startBatches() {
            while next < count, unreadPending < ahead * size + readAheadPending / 4 {
                var end = next, unread = 0
                while end < count, unread < size, end - next < 4 * size {
                    if !readAhead.contains(items[end]) { unread += 1 }
                    end += 1
                }
                let range = next..<end
                pending.append((Task { self.read(range) }, unread, range.count - unread))
                unreadPending += unread
                readAheadPending += range.count - unread
                next = end
            }
        }
        startBatches()
        while !pending.isEmpty {
            let batch = pending.removeFirst()
            unreadPending -= batch.unread
            readAheadPending -= batch.readAhead
            let items = await batch.task.value
            startBatches()
            try await body(items)
        }
    }

    /// Decides, item by item in document order, which items become records: not an empty
    /// one, not the same item (guid or link) a second time.
    struct Sifter {
        private var seen: [String: Int] = [:]

        /// A sifter for about `count` items.
        init(expecting count: Int = 0) { seen.reserveCapacity(count) }

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

/// The items a feed's parse read ahead, by element, each handed out once: whoever takes an
/// item lets go of it when done, so that a big feed's records are not all held until the end
/// (and then freed at once, while nothing else is left to do).
private final class ReadAheadItems: @unchecked Sendable {
    // @unchecked: `items` is only touched with `lock` held.
    private let lock = NSLock()
    private var items: [MarkupNode: FeedItemReader.Item]

    init(_ items: [MarkupNode: FeedItemReader.Item]) { self.items = items }

    var count: Int { lock.withLock { items.count } }

    func contains(_ element: MarkupNode) -> Bool { lock.withLock { items[element] != nil } }

    /// The item read from `element`, once.
    func take(_ element: MarkupNode) -> FeedItemReader.Item? { lock.withLock { items.removeValue(forKey: element) } }
}
