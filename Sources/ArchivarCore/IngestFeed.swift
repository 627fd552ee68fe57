import Foundation

/// What an ingest plugin delivers for one source, handed in order from the task that runs
/// the plugin to the task that transforms and stores, through a buffer of `capacity` events.
/// The plugin reads on (the next records; other sources' plugins their own, `ReadSchedule`)
/// while the pipeline stores the ones before, so fetching and parsing run beside storing and
/// indexing; a full buffer makes the plugin wait, so memory stays bounded.
///
/// The pipeline ends a feed early with `cancel()` when storing failed: the plugin's next
/// `send` throws and it stops. The plugin's own error reaches the pipeline through `next()`.
/// One task reads (`next`); the plugin may send from several.
final class IngestFeed: @unchecked Sendable {
    // @unchecked: every stored property is only touched under `lock`; the continuations are
    // resumed outside it.

    /// One thing the plugin delivered.
    enum Event: Sendable {
        case record(Record)
        /// The source deleted the item with this id (`IngestContext.withdraw`).
        case withdrawal(String)
    }

    /// The error `send` throws once the pipeline stopped taking events.
    struct Stopped: Error {}

    private let capacity: Int
    private let lock = NSLock()
    private var buffer: [Event] = []
    private var end: Result<Void, Error>?
    private var stopped = false
    private var waitingReader: CheckedContinuation<Void, Never>?
    private var waitingWriters: [CheckedContinuation<Void, Never>] = []

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// Adds an event, waiting while the buffer is full; throws `Stopped` when the pipeline
    /// stopped taking events.
    func send(_ event: Event) async throws {
        while true {
            let (sent, reader): (Bool, CheckedContinuation<Void, Never>?) = try lock.withLock {
                if stopped { throw Stopped() }
                guard buffer.count < capacity else { return (false, nil) }
                buffer.append(event)
                defer { waitingReader = nil }
                return (true, waitingReader)
            }
            if sent {
                reader?.resume()
                return
            }
            await withCheckedContinuation { continuation in
                let ready = lock.withLock {
                    guard !stopped, buffer.count >= capacity else { return true }
                    waitingWriters.append(continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
        }
    }

    /// Ends the feed: after the buffered events, `next()` gives nil, or throws `error`.
    func finish(throwing error: Error? = nil) {
        let reader = lock.withLock {
            end = error.map { .failure($0) } ?? .success(())
            defer { waitingReader = nil }
            return waitingReader
        }
        reader?.resume()
    }

    /// The next event, waiting for the plugin; nil at the end, or the plugin's error.
    func next() async throws -> Event? {
        while true {
            let (event, end, writers): (Event?, Result<Void, Error>?, [CheckedContinuation<Void, Never>]) = lock.withLock {
                guard buffer.isEmpty else {
                    defer { waitingWriters = [] }
                    return (buffer.removeFirst(), nil, waitingWriters)
                }
                return (nil, self.end, [])
            }
            if let event {
                writers.forEach { $0.resume() }
                return event
            }
            if let end {
                try end.get()
                return nil
            }
            await withCheckedContinuation { continuation in
                let ready = lock.withLock {
                    guard buffer.isEmpty, self.end == nil else { return true }
                    waitingReader = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        }
    }

    /// Takes no more events: the buffer is dropped and the plugin's next `send` throws.
    func cancel() {
        let writers = lock.withLock {
            stopped = true
            buffer.removeAll()
            defer { waitingWriters = [] }
            return waitingWriters
        }
        writers.forEach { $0.resume() }
    }
}
