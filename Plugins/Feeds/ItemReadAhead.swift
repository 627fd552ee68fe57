import ArchivarCore
import ArchivarMarkup
import Foundation

/// Reads a feed's items into records while libxml2 is still parsing the document, so that
/// the other cores need not wait for the whole tree: the parser hands over each element it
/// has finished (`elementEnded`, on its thread), this keeps the items among them, and
/// threads of their own read them, each inside `MarkupNode.reading`.
///
/// What they read is a guess, checked once the whole document is there (`FeedDocument`):
/// the items were read with what the feed said about itself so far (`feed`), which the
/// rest of the document may still change (a channel title after the items); if it did,
/// they are read again. Items that cannot be told apart yet or whose reading could still
/// change are left to that pass: those before the channel that decides the items'
/// namespace, items nested in items, and empty items whose line libxml2 finds through the
/// nodes after them.
final class ItemReadAhead: @unchecked Sendable {
    // @unchecked: `queue`, `queueStart`, `finished`, `running` and `read` are only touched
    // with `condition` locked; `layout`, `noLayout`, `feed` and `ended` only on the parsing
    // thread (`feed` and `ended` afterwards by the caller of `finish`, which ran the parse).

    /// An item handed over, with what it is read with.
    private struct Pending {
        let element: MarkupNode
        let layout: FeedLayout
        let feed: FeedInfo
    }

    private let reader: FeedItemReader
    private let condition = NSCondition()
    /// Handed over; taken from `queueStart` on.
    private var queue: [Pending] = []
    private var queueStart = 0
    private var finished = false
    private var running = 0
    private var read: [MarkupNode: FeedItemReader.Item] = [:]

    private var layout: FeedLayout?
    private var noLayout = false
    /// What the feed said about itself when the first item was handed over.
    private(set) var feed: FeedInfo?
    /// Every element handed over, read ahead or not, in the order the parser finished them.
    private(set) var ended: [MarkupNode] = []

    /// Starts `threads` threads that read the items handed over until `finish`.
    init(reader: FeedItemReader, threads: Int) {
        self.reader = reader
        running = threads
        for _ in 0..<threads {
            let thread = Thread { [self] in readItems() }
            // Deeply nested tag soup recurses in libxml2 and in the sanitizer.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The parser finished `element`, an `item` or `entry` of any namespace (called on its thread).
    func elementEnded(_ element: MarkupNode) {
        ended.append(element)
        guard let layout = settledLayout(for: element), layout.item.matches(element), element.lineIsFinal,
              !isNested(element, in: layout), !element.hasDescendant(layout.item) else { return }
        let feed = self.feed ?? layout.info(reader)
        self.feed = feed
        condition.withLock {
            if queueStart == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueStart = 0
            }
            queue.append(Pending(element: element, layout: layout, feed: feed))
            condition.signal()
        }
    }

    /// The layout once the part of the document that decides it has been read; nil before,
    /// and for a document that is no feed.
    private func settledLayout(for element: MarkupNode) -> FeedLayout? {
        if let layout { return layout }
        guard !noLayout, let root = element.documentElement else { return nil }
        do {
            let found = try FeedLayout(root: root)
            if found.isSettled { layout = found }
        } catch {
            switch error {
            case .notAFeed: noLayout = true
            case .noChannel: break // perhaps it comes later
            }
        }
        return layout
    }

    private func isNested(_ element: MarkupNode, in layout: FeedLayout) -> Bool {
        sequence(first: element, next: \.parent).dropFirst().contains(where: layout.item.matches)
    }

    private func readItems() {
        while let pending = next() {
            let item = pending.element.reading { pending.layout.read(pending.element, with: reader, feed: pending.feed) }
            condition.withLock { read[pending.element] = item }
        }
        condition.withLock {
            running -= 1
            condition.broadcast()
        }
    }

    /// The next item handed over, waiting for one; nil once the parse is over.
    private func next() -> Pending? {
        condition.withLock {
            while queueStart == queue.count, !finished { condition.wait() }
            guard !finished else { return nil }
            defer { queueStart += 1 }
            return queue[queueStart]
        }
    }

    /// Ends the reading when the parse is over, once the items being read are done, and
    /// gives them; the others are left to the pass over the whole document.
    func finish() -> [MarkupNode: FeedItemReader.Item] {
        condition.withLock {
            finished = true
            queue = []
            queueStart = 0
            condition.broadcast()
            while running > 0 { condition.wait() }
            return read
        }
    }
}
