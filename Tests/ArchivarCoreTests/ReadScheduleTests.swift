@testable import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// Which sources of a harvest are read at the same time (`ReadSchedule`).
@Suite struct ReadScheduleTests {
    @Test func sourcesOnDifferentServersStartTogetherUpToTheLimit() {
        var schedule = ReadSchedule(servers: ["a:80", "b:80", "c:80", "d:443", "e:80"], limit: 4)
        #expect(schedule.start() == [0, 1, 2, 3])
        #expect(schedule.start() == [])
        schedule.finish(2)
        #expect(schedule.start() == [4])
        #expect(schedule.isDone)
    }

    @Test func aServerIsAskedForOneSourceAtATime() {
        var schedule = ReadSchedule(servers: ["a:80", "a:80", "b:80"], limit: 4)
        #expect(schedule.start() == [0, 2])
        schedule.finish(2)
        #expect(schedule.start() == [])
        schedule.finish(0)
        #expect(schedule.start() == [1])
    }

    @Test func localSourcesAreReadOneAfterTheOther() {
        var schedule = ReadSchedule(servers: ["", "", "a:80"], limit: 4)
        #expect(schedule.start() == [0, 2])
        schedule.finish(0)
        #expect(schedule.start() == [1])
    }

    @Test func anEarlierSourceGoesFirstWhenItsServerIsFree() {
        var schedule = ReadSchedule(servers: ["a:80", "b:80", "a:80", "c:80"], limit: 2)
        #expect(schedule.start() == [0, 1])
        schedule.finish(0)
        // The place goes to the source after `a`'s first, not to `c`, although `c` was never busy.
        #expect(schedule.start() == [2])
    }

    /// The harvest stores sources in order, and a plugin may block until its source is
    /// stored (its buffer full). Whatever the servers, the source to store next must always
    /// be started or startable: otherwise the harvest would wait forever.
    @Test func theSourceToStoreNextIsAlwaysReadingWhateverTheServers() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let servers = (0..<Int.random(in: 1...12, using: &random)).map { _ in ["", "a:80", "b:80", "c:443"].randomElement(using: &random)! }
            let limit = Int.random(in: 1...4, using: &random)
            var schedule = ReadSchedule(servers: servers, limit: limit)
            var reading: Set<Int> = []
            for next in servers.indices {
                reading.formUnion(schedule.start())
                #expect(reading.count <= limit)
                #expect(Set(reading.map { servers[$0] }).count == reading.count, "two sources from one server: \(servers)")
                guard reading.contains(next) else {
                    Issue.record("source \(next) can never start: \(servers), limit \(limit), reading \(reading.sorted())")
                    break
                }
                // Stored, so its plugin ends.
                reading.remove(next)
                schedule.finish(next)
            }
        }
    }

    @Test func aServerIsAHostAndPort() {
        #expect(ReadSchedule.server(of: URL(string: "http://Partner.example/feed.rss")!) == "partner.example:80")
        #expect(ReadSchedule.server(of: URL(string: "https://partner.example/a")!) == "partner.example:443")
        #expect(ReadSchedule.server(of: URL(string: "http://127.0.0.1:8081/a")!) == "127.0.0.1:8081")
        #expect(ReadSchedule.server(of: URL(fileURLWithPath: "/site/feeds/samples/ikpe.rss")) == "")
    }
}
