@testable import ArchivarCore
import Foundation
import Testing

/// The buffer between an ingest plugin's task and the pipeline's (`IngestFeed`): order kept,
/// the plugin held back when it runs too far ahead, its error delivered after its records,
/// and a plugin stopped when the pipeline gives up.
@Suite struct IngestFeedTests {
    private func record(_ number: Int) -> Record { Record(id: "r\(number)", fields: ["title": .string("Titel \(number)")]) }

    @Test func eventsArriveInOrderAndTheWriterWaitsWhileTheBufferIsFull() async throws {
        let feed = IngestFeed(capacity: 4)
        let sent = Counter()
        let writer = Task {
            for number in 0 ..< 100 {
                try await feed.send(number % 10 == 9 ? .withdrawal("w\(number)") : .record(record(number)))
                sent.increment()
            }
            feed.finish()
        }
        try await Task.sleep(for: .milliseconds(50))
        #expect(sent.value == 4, "the writer runs at most `capacity` events ahead")
        var received: [String] = []
        while let event = try await feed.next() {
            switch event {
            case .record(let record): received.append(record.id)
            case .withdrawal(let id): received.append(id)
            }
        }
        try await writer.value
        #expect(received == (0 ..< 100).map { $0 % 10 == 9 ? "w\($0)" : "r\($0)" })
    }

    @Test func thePluginsErrorComesAfterItsRecords() async throws {
        struct Broken: Error {}
        let feed = IngestFeed(capacity: 8)
        Task {
            try await feed.send(.record(record(1)))
            try await feed.send(.record(record(2)))
            feed.finish(throwing: Broken())
        }
        var ids: [String] = []
        await #expect(throws: Broken.self) {
            while case .record(let record)? = try await feed.next() { ids.append(record.id) }
        }
        #expect(ids == ["r1", "r2"])
    }

    @Test func aCancelledFeedStopsTheWriterEvenWhenItWaits() async throws {
        let feed = IngestFeed(capacity: 2)
        let writer = Task {
            for number in 0 ..< 10 { try await feed.send(.record(record(number))) }
        }
        try await Task.sleep(for: .milliseconds(50))
        _ = try await feed.next()
        feed.cancel()
        await #expect(throws: IngestFeed.Stopped.self) { try await writer.value }
        await #expect(throws: IngestFeed.Stopped.self) { try await feed.send(.record(record(99))) }
    }
}

/// A thread-safe count for the tests above.
private final class Counter: @unchecked Sendable {
    // @unchecked: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
