import ArchivarCore
import ArchivarTestSupport
import ArchivarWeb
import Foundation
import Testing

/// The fetcher against a real partner server on 127.0.0.1: what it sends, what it
/// accepts, and how each kind of failure is reported.
@Suite struct FetcherTests {
    static let feed = Data("<rss version=\"2.0\"><channel><title>Partner</title></channel></rss>".utf8)
    static let userAgent = "Archivar/test (+http://127.0.0.1:8080/)"

    @Test func everyRequestSaysWhoItIsAndAcceptsGzip() async throws {
        let server = try PartnerServer()
        server.serve("/feed", body: Self.feed)
        let document = try await Fetcher(userAgent: Self.userAgent).fetch(server.url("/feed"))
        #expect(document?.data == Self.feed)
        let request = try #require(server.requests(for: "/feed").first)
        #expect(request.headers["User-Agent"] == Self.userAgent)
        #expect(request.headers["Accept-Encoding"]?.contains("gzip") == true)
    }

    @Test func gzipBodyArrivesDecoded() async throws {
        let directory = try TemporaryDirectory()
        let text = String(repeating: "<item><title>Jugendhilfeplanung in Thüringen</title></item>\n", count: 200)
        let plain = try directory.write(text, to: "feed.xml")
        _ = try runTool("/usr/bin/gzip", ["-k", plain.path])
        let compressed = try Data(contentsOf: directory.file("feed.xml.gz"))
        #expect(compressed.count < text.utf8.count)
        let server = try PartnerServer()
        server.route("/feed") { _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/xml", "Content-Encoding": "gzip"], body: compressed)
        }
        let document = try await Fetcher(userAgent: Self.userAgent).fetch(server.url("/feed"))
        #expect(document?.data == Data(text.utf8))
    }

    @Test func storedETagMakesTheRequestConditionalAndA304ReadsNothing() async throws {
        let server = try PartnerServer()
        server.serve("/feed", body: Self.feed, etag: "\"v1\"")
        let first = Fetcher(userAgent: Self.userAgent)
        #expect(try await first.fetch(server.url("/feed"))?.data == Self.feed)
        #expect(first.currentValidators.etag == "\"v1\"")

        let second = Fetcher(etag: first.currentValidators.etag, userAgent: Self.userAgent)
        #expect(try await second.fetch(server.url("/feed")) == nil)
        #expect(server.requests(for: "/feed").last?.headers["If-None-Match"] == "\"v1\"")
        #expect(second.currentValidators.etag == "\"v1\"")
    }

    @Test func storedLastModifiedMakesTheRequestConditional() async throws {
        let stamp = "Sat, 21 Nov 2026 08:00:00 GMT"
        let server = try PartnerServer()
        server.route("/feed") { request in
            if request.headers["If-Modified-Since"] == stamp { return HTTPResponse(status: .notModified) }
            return HTTPResponse(status: .ok, headers: ["Last-Modified": stamp], body: Self.feed)
        }
        let first = Fetcher(userAgent: Self.userAgent)
        #expect(try await first.fetch(server.url("/feed")) != nil)
        #expect(first.currentValidators.lastModified == stamp)
        let second = Fetcher(lastModified: stamp, userAgent: Self.userAgent)
        #expect(try await second.fetch(server.url("/feed")) == nil)
        #expect(second.currentValidators.lastModified == stamp)
    }

    @Test func permanentRedirectIsFollowedAndRemembered() async throws {
        let server = try PartnerServer()
        server.serve("/new", body: Self.feed)
        server.route("/old") { _ in HTTPResponse(status: .movedPermanently, headers: ["Location": "/new"]) }
        server.route("/older") { _ in HTTPResponse(status: HTTPStatus(code: 308), headers: ["Location": "/old"]) }
        let fetcher = Fetcher(userAgent: Self.userAgent)
        let document = try await fetcher.fetch(server.url("/older"))
        #expect(document?.data == Self.feed)
        #expect(document?.url == server.url("/new"))
        #expect(fetcher.permanentRedirect(of: server.url("/older")) == server.url("/new"))
    }

    @Test func temporaryRedirectIsFollowedButNotRemembered() async throws {
        let server = try PartnerServer()
        server.serve("/today", body: Self.feed)
        server.route("/feed") { _ in HTTPResponse(status: HTTPStatus(code: 302), headers: ["Location": "/today"]) }
        server.route("/moved") { _ in HTTPResponse(status: .movedPermanently, headers: ["Location": "/feed"]) }
        let fetcher = Fetcher(userAgent: Self.userAgent)
        #expect(try await fetcher.fetch(server.url("/feed"))?.data == Self.feed)
        #expect(fetcher.permanentRedirect(of: server.url("/feed")) == nil)
        // A chain with one temporary step is not permanent either.
        #expect(try await fetcher.fetch(server.url("/moved"))?.data == Self.feed)
        #expect(fetcher.permanentRedirect(of: server.url("/moved")) == nil)
    }

    @Test func redirectToAnotherSchemeIsNeverFollowed() async throws {
        let server = try PartnerServer()
        server.route("/file") { _ in HTTPResponse(status: .movedPermanently, headers: ["Location": "file:///etc/passwd"]) }
        server.route("/ftp") { _ in HTTPResponse(status: .movedPermanently, headers: ["Location": "ftp://127.0.0.1/feed"]) }
        let fetcher = Fetcher(userAgent: Self.userAgent)
        // URLSession keeps a host-less target on the partner's own server; nothing local is read.
        let local = try await #require(throws: FetchError.self) { try await fetcher.fetch(server.url("/file")) }
        #expect(local.reason == "the server answered HTTP 404 Not Found")
        let ftp = try await #require(throws: FetchError.self) { try await fetcher.fetch(server.url("/ftp")) }
        #expect(ftp.reason == "the server answered HTTP 301 Moved Permanently")
    }

    @Test func goneSaysSoAndNamesTheURL() async throws {
        let server = try PartnerServer()
        server.route("/feed") { _ in HTTPResponse(status: HTTPStatus(code: 410)) }
        let error = try await #require(throws: FetchError.self) { try await Fetcher(userAgent: Self.userAgent).fetch(server.url("/feed")) }
        #expect(error.isGone)
        #expect(error.description.contains(server.url("/feed").absoluteString))
        #expect(error.reason.contains("HTTP 410 Gone"))
    }

    @Test func otherStatusNamesCodeAndReasonPhrase() async throws {
        let server = try PartnerServer()
        let error = try await #require(throws: FetchError.self) { try await Fetcher(userAgent: Self.userAgent).fetch(server.url("/missing")) }
        #expect(error.reason == "the server answered HTTP 404 Not Found")
        #expect(!error.isGone && error.retryAfter == nil)
    }

    @Test func tooManyRequestsHonoursRetryAfterSeconds() async throws {
        let server = try PartnerServer()
        server.route("/feed") { _ in HTTPResponse(status: HTTPStatus(code: 429), headers: ["Retry-After": "120"]) }
        let now = Date()
        let error = try await #require(throws: FetchError.self) {
            try await Fetcher(userAgent: Self.userAgent).fetch(server.url("/feed"), now: now)
        }
        #expect(error.retryAfter == now.addingTimeInterval(120))
        #expect(error.reason.contains("HTTP 429 Too Many Requests"))
    }

    @Test func unavailableHonoursRetryAfterDate() async throws {
        let server = try PartnerServer()
        server.route("/feed") { _ in
            HTTPResponse(status: HTTPStatus(code: 503), headers: ["Retry-After": "Sun, 22 Nov 2026 10:30:00 GMT"])
        }
        let error = try await #require(throws: FetchError.self) { try await Fetcher(userAgent: Self.userAgent).fetch(server.url("/feed")) }
        #expect(error.retryAfter.map(DateText.rfc3339) == "2026-11-22T10:30:00Z")
    }

    @Test func silentServerTimesOutWithAClearMessage() async throws {
        let server = try PartnerServer()
        server.route("/slow") { _ in
            Thread.sleep(forTimeInterval: 3)
            return HTTPResponse(status: .ok, body: Self.feed)
        }
        let fetcher = Fetcher(userAgent: Self.userAgent, timeout: 1)
        let error = try await #require(throws: FetchError.self) { try await fetcher.fetch(server.url("/slow")) }
        #expect(error.reason == "the server did not answer within 1 s")
    }

    @Test func oversizedBodyFailsNamingTheLimit() async throws {
        let server = try PartnerServer()
        server.route("/huge") { _ in HTTPResponse(status: .ok, body: Data(repeating: 0x41, count: 200_000)) }
        let fetcher = Fetcher(userAgent: Self.userAgent, maxBytes: 1000)
        let error = try await #require(throws: FetchError.self) { try await fetcher.fetch(server.url("/huge")) }
        #expect(error.reason.contains("larger than the limit of 1000 bytes"))
    }

    @Test func gzipThatInflatesPastTheLimitIsStoppedWhileReading() async throws {
        let directory = try TemporaryDirectory()
        let plain = try directory.write(String(repeating: "A", count: 2_000_000), to: "bomb.xml")
        _ = try runTool("/usr/bin/gzip", ["-k", plain.path])
        let compressed = try Data(contentsOf: directory.file("bomb.xml.gz"))
        let server = try PartnerServer()
        server.route("/bomb") { _ in HTTPResponse(status: .ok, headers: ["Content-Encoding": "gzip"], body: compressed) }
        // The compressed answer fits the limit; the decoded bytes do not.
        let fetcher = Fetcher(userAgent: Self.userAgent, maxBytes: 100_000)
        #expect(compressed.count < fetcher.maxBytes)
        let error = try await #require(throws: FetchError.self) { try await fetcher.fetch(server.url("/bomb")) }
        #expect(error.reason.contains("larger than the limit of 100000 bytes"))
    }

    @Test func refusedConnectionNamesHostAndPort() async throws {
        let error = try await #require(throws: FetchError.self) {
            try await Fetcher(userAgent: Self.userAgent).fetch(URL(string: "http://127.0.0.1:1/feed")!)
        }
        #expect(error.reason.contains("could not connect to 127.0.0.1:1"))
        #expect(error.description.hasPrefix("http://127.0.0.1:1/feed: "))
    }

    @Test func fileOverTheLimitIsNotRead() async throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(String(repeating: "x", count: 5000), to: "big.xml")
        let error = try await #require(throws: ArchivarError.self) { try await Fetcher(userAgent: Self.userAgent, maxBytes: 4096).fetch(file) }
        #expect(error.description.contains("larger than the limit of 4096 bytes"))
        #expect(try await Fetcher(userAgent: Self.userAgent).fetch(file)?.data.count == 5000)
    }
}

/// When a failing source is tried again.
@Suite struct BackoffTests {
    @Test func delayDoublesWithEveryFailureUpToTheCap() {
        var backoff = Backoff()
        backoff.jitter = 0
        let delays = (1...8).map { backoff.delay(afterFailures: $0, interval: 3600) }
        #expect(delays == [3600, 7200, 14400, 28800, 57600, 86400, 86400, 86400])
        // A source due less often than the cap is never tried more often than its interval.
        #expect(backoff.delay(afterFailures: 3, interval: 7 * 86400) == 7 * 86400)
    }

    @Test func jitterStaysWithinTenPercentAndVaries() {
        let backoff = Backoff()
        let delays = (0..<200).map { _ in backoff.delay(afterFailures: 2, interval: 3600) }
        #expect(delays.allSatisfy { (6480...7920).contains($0) })
        #expect(Set(delays).count > 100)
    }

    @Test func neverSoonerThanAMinute() {
        let backoff = Backoff()
        #expect((0..<50).allSatisfy { _ in backoff.delay(afterFailures: 1, interval: 10) == 60 })
    }
}

/// Reading `Retry-After`.
@Suite struct RetryAfterTests {
    @Test func secondsCountFromNow() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RetryAfter.date("120", now: now) == now.addingTimeInterval(120))
    }

    @Test func httpDateIsAMoment() {
        let date = RetryAfter.date("Wed, 21 Oct 2026 07:28:00 GMT", now: Date())
        #expect(date.map(DateText.rfc3339) == "2026-10-21T07:28:00Z")
    }

    @Test func anythingElseIsIgnored() {
        #expect(RetryAfter.date("soon", now: Date()) == nil)
        #expect(RetryAfter.date("-5", now: Date()) == nil)
    }
}

/// How a harvest's outcome changes a source's state.
@Suite struct SourceScheduleTests {
    let source = SourceDefinition(id: "partner", title: "Partner", plugin: "rss", url: "http://example.org/feed", kind: "partner")
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func goneDisablesAndASuccessEnablesAgain() {
        var state = SourceState(id: "partner")
        let gone = FetchError(url: URL(string: source.url)!, reason: "the server answered HTTP 410 Gone", isGone: true)
        state.recordFailure(of: source, at: now, error: gone, message: "\(gone)")
        #expect(state.status == "disabled")
        #expect(state.disabledReason?.hasPrefix("the server answered 410 Gone on ") == true)
        state.recordSuccess(of: source, at: now, permanentURL: nil, validators: (nil, nil))
        #expect(state.status == "ok")
        #expect(state.failures == 0 && state.nextDue == now.addingTimeInterval(3600))
    }

    @Test func retryAfterSetsTheNextTryInsteadOfBackoff() {
        var state = SourceState(id: "partner")
        let busy = FetchError(url: URL(string: source.url)!, reason: "HTTP 429", retryAfter: now.addingTimeInterval(120))
        state.recordFailure(of: source, at: now, error: busy, message: "\(busy)")
        #expect(state.nextDue == now.addingTimeInterval(120))
        #expect(state.status == "failing" && state.failures == 1)
    }

    @Test func otherFailuresBackOff() throws {
        var state = SourceState(id: "partner")
        state.etag = "\"v1\""
        let error = ArchivarError("broken")
        state.recordFailure(of: source, at: now, error: error, message: "broken")
        state.recordFailure(of: source, at: now, error: error, message: "broken")
        let wait = try #require(state.nextDue).timeIntervalSince(now)
        #expect((6480...7920).contains(wait))
        #expect(state.etag == "\"v1\"" && state.lastError == "broken")
    }

    @Test func permanentRedirectIsKept() {
        var state = SourceState(id: "partner")
        state.recordSuccess(of: source, at: now, permanentURL: URL(string: "https://example.org/new"), validators: ("\"a\"", nil))
        state.recordSuccess(of: source, at: now, permanentURL: nil, validators: ("\"b\"", nil))
        #expect(state.movedURL(for: source) == "https://example.org/new")
        #expect(state.etag == "\"b\"")
    }

    @Test func anEditedURLWinsOverAnOldPermanentRedirect() {
        var state = SourceState(id: "partner")
        state.recordSuccess(of: source, at: now, permanentURL: URL(string: "https://example.org/new"), validators: (nil, nil))
        var edited = source
        edited.url = "https://example.org/elsewhere"
        #expect(state.movedURL(for: edited) == nil)
    }
}

/// The fetch settings of a source file.
@Suite struct FetchSettingsTests {
    @Test func timeoutAndMaxBytesAreReadWithDefaults() throws {
        let directory = try TemporaryDirectory()
        let tuned = try directory.write(#"{"id": "a", "plugin": "rss", "url": "x.rss", "timeout": "10s", "maxBytes": 5000}"#, to: "feeds/a.json")
        let source = try SourceDefinition.load(from: tuned)
        #expect(source.timeout == 10 && source.maxBytes == 5000)
        let plain = try SourceDefinition.load(from: try directory.write(#"{"id": "b", "plugin": "rss", "url": "x.rss"}"#, to: "feeds/b.json"))
        #expect(plain.timeout == 30 && plain.maxBytes == 20 * 1024 * 1024)
    }

    @Test func badValuesNameTheKey() throws {
        let directory = try TemporaryDirectory()
        let slow = try directory.write(#"{"id": "a", "plugin": "rss", "url": "x.rss", "timeout": "soon"}"#, to: "feeds/a.json")
        let timeout = try #require(throws: ArchivarError.self) { try SourceDefinition.load(from: slow) }
        #expect(timeout.description.contains("key \"timeout\""))
        let big = try directory.write(#"{"id": "b", "plugin": "rss", "url": "x.rss", "maxBytes": "20MB"}"#, to: "feeds/b.json")
        let maxBytes = try #require(throws: ArchivarError.self) { try SourceDefinition.load(from: big) }
        #expect(maxBytes.description.contains("key \"maxBytes\""))
    }
}
