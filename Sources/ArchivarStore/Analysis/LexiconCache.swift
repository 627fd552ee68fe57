import Foundation

/// The process's one `Lexicon`, loaded on first use: the first document word long enough
/// to be a compound (searches never need it). Building it from the word list folds and
/// hashes 356,000 lines (about 0.25 s in a release build, 2 s in a debug build), so the
/// table is also written to `german-lexicon.cache` in the state directory, and later
/// processes read it back in a few milliseconds. The cache is keyed by
/// `SearchAnalysis.identity` (analysis version and word-list size and date); a cache that
/// does not match, is damaged or cannot be written is simply rebuilt from the word list.
enum LexiconCache {
    /// The cache file's name inside the state directory.
    static let fileName = "german-lexicon.cache"

    private static let magic = Array("ARCHLEX1".utf8)
    private static let lock = NSLock()
    // Guarded by `lock`; set once, then only read.
    nonisolated(unsafe) private static var loaded: Lexicon?

    /// The lexicon, loaded (from the cache in `directory` when it matches, else from the word
    /// list, then cached there) by the first caller in this process; later callers share it.
    static func lexicon(cachedIn directory: URL?) -> Lexicon {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let key = WordHash.of(SearchAnalysis.identity.utf8)
        let file = directory?.appendingPathComponent(fileName)
        let lexicon = file.flatMap { read($0, key: key) } ?? {
            let built = Lexicon(wordList: Lexicon.wordList)
            if let file {
                // A cache that cannot be written (read-only state directory) only costs the
                // next process the same build time again; nothing is lost.
                try? write(built, to: file, key: key)
            }
            return built
        }()
        loaded = lexicon
        return lexicon
    }

    /// Starts loading the lexicon on a thread of its own unless it is loaded: a write
    /// transaction calls this when it begins, so that the load (up to a quarter of a second
    /// when the cache must be built) overlaps with reading the feed instead of holding up the
    /// indexing at commit. `lexicon(cachedIn:)` waits for a load under way.
    static func prefetch(cachedIn directory: URL?) {
        guard lock.withLock({ loaded == nil }) else { return }
        Thread.detachNewThread { _ = lexicon(cachedIn: directory) }
    }

    /// The table in `file`: magic, key, then the slots in this machine's byte order.
    static func read(_ file: URL, key: UInt64) -> Lexicon? {
        guard let data = try? Data(contentsOf: file), data.count > 16, (data.count - 16) % 8 == 0,
              data.prefix(8).elementsEqual(magic),
              data.withUnsafeBytes({ $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self) }) == key else { return nil }
        let slots = [UInt64](unsafeUninitializedCapacity: (data.count - 16) / 8) { buffer, initialized in
            initialized = data.copyBytes(to: buffer, from: 16 ..< data.count) / 8
        }
        return Lexicon(slots: slots)
    }

    static func write(_ lexicon: Lexicon, to file: URL, key: UInt64) throws {
        var data = Data(magic)
        withUnsafeBytes(of: key) { data.append(contentsOf: $0) }
        lexicon.slots.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.write(to: file, options: .atomic)
    }
}
