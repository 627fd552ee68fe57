import ArchivarCore
import ArchivarTestSupport
import ArchivarWeb
import Foundation
import Testing

/// Harvesting partners' servers through the built binary: conditional requests,
/// redirects, 410, Retry-After, timeouts and size limits, and `archivar sources`.
@Suite struct PoliteHarvestTests {
    @Test func secondRunAgainstUnchangedServersMakesOnlyConditionalRequestsAndWritesNothing() throws {
        let server = try PartnerServer()
        server.serve("/etag.rss", body: Self.feed("E"), etag: "\"e1\"")
        server.route("/dated.rss") { request in
            if request.headers["If-Modified-Since"] == Self.stamp { return HTTPResponse(status: .notModified) }
            return HTTPResponse(status: .ok, headers: ["Last-Modified": Self.stamp], body: Self.feed("D"))
        }
        let site = try ArchivarSite(sources: ["etag": server.url("/etag.rss"), "dated": server.url("/dated.rss")])

        let first = try site.run("harvest")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("etag: 2 new"))
        #expect(first.stdout.contains("dated: 2 new"))
        #expect(server.requests.allSatisfy { $0.headers["User-Agent"] == "Archivar/\(ArchivarVersion.current) (+http://127.0.0.1:8080/)" })

        server.clearRequests()
        let second = try site.run("harvest", "--all")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(server.requests.count == 2)
        for request in server.requests {
            #expect(request.headers["If-None-Match"] != nil || request.headers["If-Modified-Since"] != nil,
                    "unconditional request for \(request.path)")
        }
        #expect(server.requests(for: "/etag.rss").first?.headers["If-None-Match"] == "\"e1\"")
        #expect(server.requests(for: "/dated.rss").first?.headers["If-Modified-Since"] == Self.stamp)
        let lines = second.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines { #expect(line.hasSuffix(": 0 new, 0 changed, 0 unchanged"), "\(line)") }
        // A 304 keeps the item count of the last read.
        let sources = try site.run("sources").stdout
        #expect(try Self.row("etag", in: sources) == ["etag", "rss", "ok", "2"])
    }

    @Test func permanentRedirectIsShownBySourcesAndUsedNextRun() throws {
        let server = try PartnerServer()
        server.serve("/new.rss", body: Self.feed("N"))
        server.route("/old.rss") { _ in HTTPResponse(status: .movedPermanently, headers: ["Location": "/new.rss"]) }
        let site = try ArchivarSite(sources: ["moved": server.url("/old.rss")])
        #expect(try site.run("harvest").stdout.contains("moved: 2 new"))
        let sources = try site.run("sources").stdout
        #expect(sources.contains("moved: moved permanently to \(server.url("/new.rss").absoluteString)"), "\(sources)")

        server.clearRequests()
        #expect(try site.run("harvest", "--all").status == 0)
        #expect(server.requests(for: "/old.rss").isEmpty)
        #expect(server.requests(for: "/new.rss").count == 1)
    }

    @Test func temporaryRedirectIsNotRemembered() throws {
        let server = try PartnerServer()
        server.serve("/today.rss", body: Self.feed("T"))
        server.route("/feed.rss") { _ in HTTPResponse(status: HTTPStatus(code: 302), headers: ["Location": "/today.rss"]) }
        let site = try ArchivarSite(sources: ["temporary": server.url("/feed.rss")])
        #expect(try site.run("harvest").stdout.contains("temporary: 2 new"))
        #expect(!(try site.run("sources").stdout.contains("moved permanently")))
        server.clearRequests()
        try site.run("harvest", "--all")
        #expect(server.requests(for: "/feed.rss").count == 1)
    }

    @Test func goneDisablesTheSourceUntilItIsHarvestedByName() throws {
        let server = try PartnerServer()
        server.route("/gone.rss") { _ in HTTPResponse(status: HTTPStatus(code: 410)) }
        server.serve("/fine.rss", body: Self.feed("F"))
        let site = try ArchivarSite(sources: ["gone": server.url("/gone.rss"), "fine": server.url("/fine.rss")])

        let first = try site.run("harvest")
        #expect(first.status == 1)
        #expect(first.stdout.contains("gone: 0 new, 0 changed, 0 unchanged — FAILED"))
        #expect(first.stderr.contains("\(server.url("/gone.rss").absoluteString): the server answered HTTP 410 Gone"))
        #expect(first.stdout.contains("fine: 2 new"))
        let sources = try site.run("sources").stdout
        #expect(try Self.row("gone", in: sources) == ["gone", "rss", "disabled", "0"])
        #expect(sources.contains("gone: disabled because the server answered 410 Gone on "))

        // Neither due runs nor --all ask a gone server again.
        server.clearRequests()
        let all = try site.run("harvest", "--all")
        #expect(all.status == 0)
        #expect(all.stdout.contains("gone: skipped, disabled"))
        #expect(server.requests(for: "/gone.rss").isEmpty)

        // Asked by name it is tried again, and a success enables it.
        server.serve("/gone.rss", body: Self.feed("G"))
        let byName = try site.run("harvest", "--source", "gone")
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout.contains("gone: 2 new"))
        #expect(try Self.row("gone", in: try site.run("sources").stdout) == ["gone", "rss", "ok", "2"])
    }

    @Test func tooManyRequestsWithRetryAfterSecondsPushesTheNextDueTime() throws {
        let server = try PartnerServer()
        server.route("/busy.rss") { _ in HTTPResponse(status: HTTPStatus(code: 429), headers: ["Retry-After": "120"]) }
        let site = try ArchivarSite(sources: ["busy": server.url("/busy.rss")])
        let run = try site.run("harvest")
        #expect(run.status == 1)
        #expect(run.stderr.contains("the server answered HTTP 429 Too Many Requests"))
        let sources = try site.run("sources").stdout
        #expect(sources.contains("(in 2 min)"), "\(sources)")
        #expect(try site.run("harvest").stdout.contains("No source is due."))
        #expect(server.requests(for: "/busy.rss").count == 1)
    }

    @Test func unavailableWithRetryAfterDatePushesTheNextDueTime() throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let later = formatter.string(from: Date().addingTimeInterval(3 * 3600))
        let server = try PartnerServer()
        server.route("/maintenance.rss") { _ in HTTPResponse(status: HTTPStatus(code: 503), headers: ["Retry-After": later]) }
        let site = try ArchivarSite(sources: ["maintenance": server.url("/maintenance.rss")])
        #expect(try site.run("harvest").stderr.contains("the server answered HTTP 503 Service Unavailable"))
        let sources = try site.run("sources").stdout
        #expect(sources.contains("(in 3 h)"), "\(sources)")
        #expect(try Self.row("maintenance", in: sources) == ["maintenance", "rss", "failing", "0"])
    }

    @Test func slowAndOversizedSourcesFailClearlyAndTheOthersGoOn() throws {
        let server = try PartnerServer()
        server.route("/slow.rss") { _ in
            Thread.sleep(forTimeInterval: 4)
            return HTTPResponse(status: .ok, body: Self.feed("S"))
        }
        server.serve("/huge.rss", body: Self.feed("H", items: 100))
        server.serve("/fine.rss", body: Self.feed("F"))
        let site = try ArchivarSite(sources: ["slow": server.url("/slow.rss"), "huge": server.url("/huge.rss"),
                                              "fine": server.url("/fine.rss")],
                                    settings: ["slow": #""timeout": "1s""#, "huge": #""maxBytes": 2000"#])
        let started = Date()
        let run = try site.run("harvest")
        #expect(Date().timeIntervalSince(started) < 30, "the run waited for the slow server")
        #expect(run.status == 1)
        #expect(run.stdout.contains("slow: 0 new, 0 changed, 0 unchanged — FAILED"))
        #expect(run.stdout.contains("huge: 0 new, 0 changed, 0 unchanged — FAILED"))
        #expect(run.stderr.contains("\(server.url("/huge.rss").absoluteString): the answer is larger than the limit of 2000 bytes"))
        #expect(run.stdout.contains("fine: 2 new"))
        #expect(run.stderr.contains("\(server.url("/slow.rss").absoluteString): the server did not answer within 1 s"))
    }

    @Test func failingSourceKeepsWhatWasStoredAndBacksOff() throws {
        let server = try PartnerServer()
        server.serve("/flaky.rss", body: Self.feed("K"))
        let site = try ArchivarSite(sources: ["flaky": server.url("/flaky.rss")])
        #expect(try site.run("harvest").stdout.contains("flaky: 2 new"))

        server.route("/flaky.rss") { _ in HTTPResponse(status: .internalServerError) }
        for failures in 1...2 {
            let run = try site.run("harvest", "--all")
            #expect(run.stdout.contains("flaky: 0 new, 0 changed, 0 unchanged — FAILED"))
            #expect(run.stderr.contains("the server answered HTTP 500 Internal Server Error"))
            let sources = try site.run("sources").stdout
            #expect(try Self.row("flaky", in: sources) == ["flaky", "rss", "failing", "2"])
            #expect(sources.contains("flaky: last error: [rss] \(server.url("/flaky.rss").absoluteString): the server answered HTTP 500"))
            // Backoff: one interval after the first failure, two after the second (±10 %).
            let row = try #require(sources.split(separator: "\n").first { $0.hasPrefix("flaky ") })
            let wait = try #require(row.firstMatch(of: #/\(in (\d+) (min|h)\)/#))
            let minutes = Int(wait.1)! * (wait.2 == "h" ? 60 : 1)
            #expect(failures == 1 ? (53...67).contains(minutes) : minutes == 120, "\(row)")
        }
        let search = try site.run("search", "Beitrag K1")
        #expect(search.stdout.contains("Beitrag K1"), "\(search.stdout)")
    }

    // MARK: Helpers

    static let stamp = "Sat, 21 Nov 2026 08:00:00 GMT"

    /// An RSS 2.0 feed with `items` items titled `Beitrag <prefix><n>`.
    static func feed(_ prefix: String, items: Int = 2) -> Data {
        let entries = (1...items).map { number in
            """
            <item><guid>urn:test:\(prefix)\(number)</guid><title>Beitrag \(prefix)\(number)</title>
            <link>https://partner.example/\(prefix)/\(number)</link><pubDate>Fri, 20 Nov 2026 10:0\(number % 10):00 GMT</pubDate>
            <description>Ein Beitrag über Jugendhilfeplanung.</description></item>
            """
        }
        return Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Partner \(prefix)</title><link>https://partner.example/</link>
            \(entries.joined(separator: "\n"))
            </channel></rss>
            """.utf8)
    }

    /// ID, plugin, status and item count of a source's row in `archivar sources`.
    static func row(_ id: String, in output: String) throws -> [String] {
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix(id + " ") })
        let cells = line.split(separator: " ").map(String.init)
        return [cells[0], cells[1], cells[2], cells[cells.count - 1]]
    }
}

extension ArchivarSite {
    /// A site whose only sources are rss feeds at the given URLs (by id); `settings`
    /// adds JSON members to a source's file, e.g. `"timeout": "1s"`.
    init(sources: [String: URL], settings: [String: String] = [:]) throws {
        directory = try TemporaryDirectory("archivar-polite")
        try directory.write(#"{ "title": "Partnerarchiv", "baseURL": "http://127.0.0.1:8080/" }"#, to: "archivar.json")
        for (id, url) in sources {
            let extra = settings[id].map { ", \($0)" } ?? ""
            try directory.write(#"{ "id": "\#(id)", "plugin": "rss", "url": "\#(url.absoluteString)", "every": "1h"\#(extra) }"#,
                                to: "feeds/\(id).json")
        }
    }
}
