import ArchivarCore
import ArchivarHTML
import ArchivarWeb
import Foundation
import Testing

@Suite struct SearchRouteTests {
    @Test func searchPageHighlightsMatchesAndKeepsTheQuery() async throws {
        let site = try TestSite()
        try await site.add([Samples.refugees, Samples.planning])
        // Thueringen: the abstract's „Thüringen“, highlighted as written there.
        let response = site.get("/search?q=Thueringen")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        let html = response.text
        #expect(html.contains("value=\"Thueringen\""))
        #expect(html.contains("<a href=\"./records/fischer2022unbegleitete/\">Unbegleitete minderjährige Flüchtlinge</a>"))
        #expect(html.contains("<h2 id=\"results-heading\">1 Treffer für „Thueringen“</h2>"))
        #expect(html.contains("<p class=\"meta\">Bericht · 2022 · Jörg Fischer</p>"))
        #expect(html.contains("<p class=\"snippet\">Ein Bericht über die Jugendhilfeplanung für junge Geflüchtete in <mark>Thüringen</mark>.</p>"))
        #expect(!html.contains("Jugendhilfeplanung in kleinen Gemeinden"))
        #expect(html.contains("<label for=\"search-q\">"))
        #expect(html.contains("aria-current=\"page\">Suche</a>"))
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
    }

    @Test func snippetTextIsEscapedAroundTheMarks() async throws {
        let site = try TestSite()
        var record = Samples.planning
        record.abstract = "Planung <b>&</b> \"Steuerung\" <script>alert(1)</script>"
        try await site.add([record])
        let html = site.get("/search?q=Steuerung").text
        #expect(html.contains("<p class=\"snippet\">Planung &lt;b&gt;&amp;&lt;/b&gt; \"<mark>Steuerung</mark>\" &lt;script&gt;alert(1)&lt;/script&gt;</p>"))
    }

    @Test func searchPaginatesTwentyPerPage() async throws {
        let site = try TestSite()
        try await site.add(Samples.pressItems(45))
        let first = site.get("/search?q=Fl%C3%BCchtlinge").text
        #expect(first.contains("<h2 id=\"results-heading\">45 Treffer für „Flüchtlinge“ · Seite 1 von 3</h2>"))
        #expect(first.components(separatedBy: "<article>").count - 1 == 20)
        #expect(first.contains("<ol class=\"results\" start=\"1\""))
        #expect(first.contains("aria-label=\"Seite 1\" aria-current=\"page\">1</a>"))
        #expect(first.contains("href=\"search?q=Fl%C3%BCchtlinge&amp;page=2\" rel=\"next\""))
        #expect(!first.contains("rel=\"prev\""))

        let last = site.get("/search?q=Fl%C3%BCchtlinge&page=3").text
        #expect(last.components(separatedBy: "<article>").count - 1 == 5)
        #expect(last.contains("<ol class=\"results\" start=\"41\""))
        #expect(last.contains("aria-label=\"Seite 3\" aria-current=\"page\">3</a>"))
        #expect(last.contains("href=\"search?q=Fl%C3%BCchtlinge&amp;page=2\" rel=\"prev\""))
        #expect(!last.contains("rel=\"next\""))

        for page in ["99", "-4", "zwei", "99999999999999999999999"] {
            let response = site.get("/search?q=Fl%C3%BCchtlinge&page=" + page)
            #expect(response.status == .ok, "page=\(page)")
        }
    }

    @Test func emptyQueryGetsAFriendlyMessage() throws {
        let site = try TestSite()
        for target in ["/search", "/search?q=", "/search?q=+++"] {
            let response = site.get(target)
            #expect(response.status == .ok, "\(target)")
            #expect(response.text.contains("<div class=\"search-notes\" role=\"status\"><p class=\"search-message\">Bitte geben Sie einen Suchbegriff ein.</p>"), "\(target)")
            #expect(!response.text.contains("results-heading"), "\(target)")
        }
        let api = site.get("/api/search?q=")
        #expect(api.status == .ok)
        let results = try JSONDecoder().decode(SearchResults.self, from: api.body)
        #expect(results.total == 0)
        #expect(results.message == "Bitte geben Sie einen Suchbegriff ein.")
    }

    @Test func unsearchableQueryShowsTheStoreMessage() throws {
        let site = try TestSite()
        let response = site.get("/search?q=-")
        #expect(response.status == .ok)
        #expect(response.text.contains("<div class=\"search-notes\" role=\"status\"><p class=\"search-message\">"))
    }

    @Test func noMatchesSaysSo() async throws {
        let site = try TestSite()
        try await site.add([Samples.planning])
        let html = site.get("/search?q=Wasserwirtschaft").text
        #expect(html.contains("Keine Treffer für diese Suche."))
    }

    @Test func queryMarkupIsEscaped() throws {
        let site = try TestSite()
        let html = site.get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").text
        #expect(!html.contains("<script>"))
        #expect(html.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
    }

    @Test func apiSearchDecodesIntoSearchResults() async throws {
        let site = try TestSite()
        try await site.add([Samples.refugees, Samples.planning] + Samples.pressItems(5))
        let response = site.get("/api/search?q=Fl%C3%BCchtlinge&limit=2&page=2")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        let results = try JSONDecoder().decode(SearchResults.self, from: response.body)
        #expect(results.query == "Flüchtlinge")
        #expect(results.total == 6)
        #expect(results.offset == 2)
        #expect(results.hits.count == 2)
        #expect(results.hits.allSatisfy { !$0.highlights.isEmpty })

        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        #expect(object["limit"] as? Int == 2)
        #expect(object["page"] as? Int == 2)
    }

    @Test func apiHighlightsPointIntoThePlainSnippet() async throws {
        let site = try TestSite()
        try await site.add([Samples.refugees])
        let response = site.get("/api/search?q=Thueringen+junge")
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let hit = try #require((object["hits"] as? [[String: Any]])?.first)
        let snippet = try #require(hit["snippet"] as? String)
        let highlights = try #require(hit["highlights"] as? [[String: Int]])
        #expect(highlights.count == 2)
        for highlight in highlights {
            let range = NSRange(location: highlight["start"] ?? -1, length: highlight["length"] ?? 0)
            #expect(["Thüringen", "junge"].contains((snippet as NSString).substring(with: range)))
        }
    }

    @Test func apiRefusesUnusableParametersWithAJSONReason() throws {
        let site = try TestSite()
        let long = String(repeating: "a", count: SearchParameters.maximumQueryLength + 1)
        let cases: [(String, String, String)] = [
            ("page=zwei", "page", "page muss eine ganze Zahl von 1 bis 100000 sein."),
            ("page=0", "page", "page muss eine ganze Zahl von 1 bis 100000 sein."),
            ("page=100001", "page", "page muss eine ganze Zahl von 1 bis 100000 sein."),
            ("page=99999999999999999999999", "page", "page muss eine ganze Zahl von 1 bis 100000 sein."),
            ("limit=0", "limit", "limit muss eine ganze Zahl von 1 bis 200 sein."),
            ("limit=201", "limit", "limit muss eine ganze Zahl von 1 bis 200 sein."),
            ("limit=-3", "limit", "limit muss eine ganze Zahl von 1 bis 200 sein."),
            ("q=" + long, "q", "q darf höchstens 500 Zeichen lang sein."),
            ("q=" + String(repeating: "%3Cscript%3E", count: 12_800), "q", "q darf höchstens 500 Zeichen lang sein."),
        ]
        for (query, parameter, message) in cases {
            let response = site.get("/api/search?" + (query.hasPrefix("q=") ? query : "q=Planung&" + query))
            #expect(response.status == .badRequest, "\(query.prefix(40))")
            #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
            let object = try JSONSerialization.jsonObject(with: response.body) as? [String: String]
            #expect(object == ["error": "Ungültige Anfrage", "parameter": parameter, "message": message], "\(query.prefix(40))")
            #expect(response.body.count < 200, "the answer does not echo the query")
        }
        #expect(site.get("/api/search?q=Planung&page=100000&limit=200").status == .ok)
        #expect(site.get("/api/search?q=" + String(repeating: "a", count: SearchParameters.maximumQueryLength)).status == .ok)
    }

    @Test func pageForgivesWhatTheAPIRefuses() async throws {
        let site = try TestSite()
        try await site.add([Samples.planning])
        let hostile = String(repeating: "%3Cscript%3Ealert(1)%3C%2Fscript%3E", count: 3_000) + "+Jugendhilfeplanung"
        let response = site.get("/search?q=" + hostile)
        #expect(response.status == .ok)
        let html = response.text
        #expect(!html.contains("<script>"))
        #expect(html.contains("Die Suchanfrage war zu lang; gesucht wurde nach den ersten 500 Zeichen."))
        #expect(html.utf8.count < 25_000, "a 100 kB query is not echoed: \(html.utf8.count) bytes")
        #expect(site.get("/search?q=Jugendhilfeplanung&page=zwei").text.contains("<ol class=\"results\" start=\"1\""))
    }

    @Test func filterParametersBecomeClausesOfTheQuery() async throws {
        let site = try TestSite()
        try await site.add([Samples.refugees, Samples.planning] + Samples.pressItems(3))
        let api = site.get("/api/search?q=Fl%C3%BCchtlinge&type=report")
        let results = try JSONDecoder().decode(SearchResults.self, from: api.body)
        #expect(results.query == "Flüchtlinge type:report")
        #expect(results.hits.map(\.id) == ["fischer2022unbegleitete"])

        let html = site.get("/search?author=M%C3%BCller%2C+Anna&year=2019").text
        #expect(html.contains("value=\"year:2019 author:&quot;Müller, Anna&quot;\""))
        #expect(html.contains("href=\"./records/mueller2019jugendhilfe/\""))

        // A value cannot break out of its clause: its quotes are dropped.
        let injected = try JSONDecoder().decode(SearchResults.self, from: site.get("/api/search?q=Meldung&type=post%22+OR+%22x").body)
        #expect(injected.query == "Meldung type:\"post OR x\"")
        #expect(injected.total == 0)
    }

    @Test func facetsLinkToNarrowerSearchesAndBackAgain() async throws {
        let site = try TestSite()
        try await site.add([Samples.refugees, Samples.planning] + Samples.pressItems(3))
        let html = site.get("/search?q=Fl%C3%BCchtlinge").text
        #expect(html.contains("<h2 id=\"results-heading\">4 Treffer für „Flüchtlinge“</h2>"))
        #expect(html.contains("<a href=\"search?q=Fl%C3%BCchtlinge%20type%3Apost\">Beitrag <span class=\"count\">(3)</span></a>"))
        #expect(html.contains("<a href=\"search?q=Fl%C3%BCchtlinge%20type%3Areport\">Bericht <span class=\"count\">(1)</span></a>"))
        #expect(html.contains("<a href=\"search?q=Fl%C3%BCchtlinge%20kind%3Apress\">Presse <span class=\"count\">(3)</span></a>"))
        #expect(!html.contains("active-filters"))

        let narrowed = site.get("/search?q=Fl%C3%BCchtlinge%20type%3Areport").text
        #expect(narrowed.contains("<h2 id=\"results-heading\">1 Treffer für „Flüchtlinge type:report“</h2>"))
        #expect(narrowed.contains("<li class=\"selected\"><a href=\"search?q=Fl%C3%BCchtlinge\">Bericht <span class=\"count\">(1)</span>"
            + "<span class=\"visually-hidden\"> – Filter entfernen</span><span aria-hidden=\"true\"> ×</span></a></li>"))
        #expect(narrowed.contains("<div class=\"active-filters\"><p id=\"active-filters-heading\">Eingegrenzt auf:</p>"
            + "<ul aria-labelledby=\"active-filters-heading\"><li><a href=\"search?q=Fl%C3%BCchtlinge\">Typ: Bericht "))
        #expect(!narrowed.contains(">Beitrag <span class=\"count\">"), "values the filter rules out are not offered")
    }

    @Test func manyFacetValuesFoldAwayWithoutJavaScript() async throws {
        let site = try TestSite()
        let items = Samples.pressItems(12).enumerated().map { index, item in
            var record = item
            record.authors = [Name(family: "Autor\(index)", given: "Anna")]
            return record
        }
        try await site.add(items)
        let html = site.get("/search?q=Meldung").text
        let people = try #require(html.firstMatch(of: #/<h3 id="facet-author">Person</h3>(.*?)</div>/#))
        let visible = try #require(people.1.firstMatch(of: #/<ul aria-labelledby="facet-author">(.*?)</ul>/#))
        #expect(visible.1.components(separatedBy: "<li>").count - 1 == 8)
        #expect(people.1.contains("<details><summary>Alle 12 anzeigen</summary><ul aria-labelledby=\"facet-author\">"))
    }

    @Test func headingsGoFromPageToSectionsToItems() async throws {
        let site = try TestSite()
        try await site.add([Samples.refugees, Samples.planning] + Samples.pressItems(3))
        let html = site.get("/search?q=Fl%C3%BCchtlinge").text
        let main = try #require(html.firstMatch(of: #/<main id="main">(.*)</main>/#)).1
        let levels = main.matches(of: #/<h([1-6])[ >]/#).compactMap { Int($0.1) }
        #expect(levels.first == 1)
        #expect(levels.filter { $0 == 1 }.count == 1)
        #expect(zip(levels, levels.dropFirst()).allSatisfy { $1 <= $0 + 1 }, "no level skipped: \(levels)")
        #expect(levels.filter { $0 == 2 }.count == 2, "results and facets")
        #expect(main.contains("<label for=\"search-q\">Suchbegriff</label>"))
    }

    @Test func englishSitesGetEnglishSearchText() async throws {
        let site = try TestSite()
        try await site.add([Samples.refugees])
        let router = Router(archiveDirectory: site.archive, catalog: site.catalog,
                            layout: PageLayout(siteTitle: "IKPE", language: "en"), logger: site.log.logger)
        let html = router.respond(to: HTTPRequest(method: "GET", target: "/search?q=Fl%C3%BCchtlinge")).text
        #expect(html.contains("<html lang=\"en\">"))
        #expect(html.contains("<h2 id=\"results-heading\">1 result for “Flüchtlinge”</h2>"))
        #expect(html.contains("<p class=\"meta\">Report · 2022 · Jörg Fischer</p>"))
        #expect(html.contains(">Refine your search</h2>"))
        #expect(html.contains("<summary>Search tips</summary>"))
        let refused = router.respond(to: HTTPRequest(method: "GET", target: "/api/search?q=x&limit=0"))
        #expect(refused.text.contains("limit must be a whole number from 1 to 200."))
    }

    @Test func apiErrorsAreJSON() throws {
        let site = try TestSite()
        let response = site.get("/api/nothing")
        #expect(response.status == .notFound)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: String]
        #expect(object?["error"] == "Seite nicht gefunden")
    }
}
