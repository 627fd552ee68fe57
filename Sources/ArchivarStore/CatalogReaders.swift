import Foundation

/// A read-only connection to the catalog with what searches keep beside it: the
/// tokenizer and `archivar_rank` registered, the in-memory `CatalogDigest` (with the rows'
/// lengths the rank reads) and the „Meinten Sie“ vocabulary. Used by one thread at a time.
final class CatalogReader {
    let connection: Connection
    /// What searches read of every record besides its text.
    let digest: CatalogDigest
    /// The index terms „Meinten Sie …?“ compares a word with, and those of prefixes.
    let vocabulary = SearchVocabulary()
    /// Writes prefixes as their terms for snippets.
    let prefixes: PrefixExpansion

    init(file: URL) throws {
        connection = try Connection(file: file)
        // Searches read many index pages: map the file instead of copying pages through the cache.
        try connection.execute("PRAGMA foreign_keys = ON; PRAGMA mmap_size = 1073741824;")
        try GermanTokenizer.register(on: connection, cacheDirectory: file.deletingLastPathComponent())
        let lengths = DocumentLengths()
        try RankFunction.register(on: connection, lengths: lengths)
        digest = CatalogDigest(lengths: lengths)
        prefixes = PrefixExpansion(vocabulary: vocabulary)
    }
}

/// The catalog's readers: searches and listings on several threads at once (the server's
/// workers) each get a reader of their own, up to `limit`, and wait beyond it. Readers are
/// opened when first needed, so a command that reads on one thread has one; each keeps its
/// digest, so a second reader costs a second digest (about 44 bytes a record).
final class CatalogReaders: @unchecked Sendable {
    // @unchecked: `opened` and `idle` are guarded by `condition`; a reader is used by the
    // one thread that took it out of `idle`.
    private let file: URL
    private let limit: Int
    private let condition = NSCondition()
    private var opened = 0
    private var idle: [CatalogReader] = []

    /// As many readers as the machine has cores, at least two, at most four.
    init(file: URL, limit: Int = min(4, max(2, ProcessInfo.processInfo.activeProcessorCount))) throws {
        self.file = file
        self.limit = limit
        idle = [try CatalogReader(file: file)]
        opened = 1
    }

    /// Runs `body` with a reader no other thread uses meanwhile.
    func use<T>(_ body: (CatalogReader) throws -> T) throws -> T {
        let reader = try take()
        defer { giveBack(reader) }
        return try body(reader)
    }

    /// Runs `body` with each reader that is idle now, one after another, so that the others
    /// stay free for searches meanwhile; a reader in use is left alone. Opens none.
    func eachIdle(_ body: (CatalogReader) throws -> Void) rethrows {
        condition.lock()
        let readers = idle
        condition.unlock()
        for reader in readers {
            condition.lock()
            guard let index = idle.firstIndex(where: { $0 === reader }) else {
                condition.unlock()
                continue
            }
            idle.remove(at: index)
            condition.unlock()
            defer { giveBack(reader) }
            try body(reader)
        }
    }

    private func giveBack(_ reader: CatalogReader) {
        condition.lock()
        idle.append(reader)
        condition.signal()
        condition.unlock()
    }

    private func take() throws -> CatalogReader {
        condition.lock()
        while idle.isEmpty && opened >= limit { condition.wait() }
        if let reader = idle.popLast() {
            condition.unlock()
            return reader
        }
        opened += 1
        condition.unlock()
        do {
            return try CatalogReader(file: file)
        } catch {
            condition.lock()
            opened -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }
}
