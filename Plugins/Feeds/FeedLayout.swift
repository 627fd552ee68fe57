import ArchivarCore
import ArchivarMarkup
import Foundation

/// Where a feed document keeps what it says about itself and which elements are its items,
/// told from its root element: RSS 0.9x/2.0 (`rss` › `channel` › `item`), RDF (RSS 0.90
/// and 1.0: `rdf:RDF` › `channel` beside `item`s) or Atom 0.3/1.0 (`feed` › `entry`).
struct FeedLayout: Sendable {
    /// Atom rather than RSS or RDF.
    let isAtom: Bool
    /// What describes the feed: the RSS or RDF channel (an RDF document may lack it), the Atom `feed`.
    let head: MarkupNode?
    /// The item elements: RSS and RDF `item` in the channel's namespace, Atom `entry` in the feed's.
    let item: MarkupName
    /// False while the rest of the document could still change `item`: an RDF document whose
    /// channel has not begun yet takes its items' namespace from the first item.
    let isSettled: Bool

    /// The local names of items: RSS and RDF `item`, Atom `entry`.
    static let rssItem = "item", atomEntry = "entry"
    static let itemNames = [rssItem, atomEntry]

    /// Why a document is no feed.
    enum Failure: Error {
        case noChannel(line: Int)
        case notAFeed(rootName: String, line: Int)
    }

    init(root: MarkupNode) throws(Failure) {
        switch (root.name, root.namespace) {
        case ("rss", _):
            guard let channel = root.first("channel") else { throw .noChannel(line: root.line) }
            // Items belong in the channel; some generators put them beside it, and broken
            // markup can leave one nested inside another.
            self.init(isAtom: false, head: channel, item: MarkupName(Self.rssItem, namespace: channel.namespace), isSettled: true)
        case ("RDF", _):
            // RSS 0.90 and 1.0 differ only in the namespace of channel and items.
            let channel = root.first("channel")
            self.init(isAtom: false, head: channel, item: MarkupName(Self.rssItem, namespace: (channel ?? root.first(Self.rssItem))?.namespace),
                      isSettled: channel != nil)
        case ("feed", FeedParser.atom10?), ("feed", FeedParser.atom03?), ("feed", nil):
            self.init(isAtom: true, head: root, item: MarkupName(Self.atomEntry, namespace: root.namespace), isSettled: true)
        default:
            throw .notAFeed(rootName: root.name, line: root.line)
        }
    }

    private init(isAtom: Bool, head: MarkupNode?, item: MarkupName, isSettled: Bool) {
        self.isAtom = isAtom
        self.head = head
        self.item = item
        self.isSettled = isSettled
    }

    /// What the feed says about all its items.
    func info(_ reader: FeedItemReader) -> FeedInfo {
        guard let head else { return FeedInfo() }
        return isAtom ? reader.atomFeedInfo(head) : reader.channelInfo(head)
    }

    /// The items below `root`, in document order. `ended` holds every element of an item's
    /// local name in `root`'s tree in the order their end tags were read, if the parse handed
    /// over all of them (nil: not known). When no item is nested in another, end tags come
    /// in document order: the items are then taken from `ended`, which spares a walk over the
    /// whole tree (a few milliseconds for a big feed, while the other cores wait).
    func items(under root: MarkupNode, ended: [MarkupNode]?) -> [MarkupNode] {
        guard let ended else { return root.descendants(item) }
        var items: [MarkupNode] = []
        items.reserveCapacity(ended.count)
        for element in ended where item.matches(element) {
            guard isOutermostItem(element, below: root) else { return root.descendants(item) }
            items.append(element)
        }
        return items
    }

    /// Whether `element` lies below `root` through elements only, none of them an item.
    private func isOutermostItem(_ element: MarkupNode, below root: MarkupNode) -> Bool {
        var node = element
        while let parent = node.parent {
            if item.matches(parent) { return false }
            node = parent
        }
        return node == root && element != root
    }

    /// `node` read into a record.
    func read(_ node: MarkupNode, with reader: FeedItemReader, feed: FeedInfo) -> FeedItemReader.Item {
        isAtom ? reader.atomEntry(node, feed: feed) : reader.rssItem(node, feed: feed)
    }
}
