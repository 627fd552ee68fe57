import ArchivarCore
import ArchivarWeb
import Foundation
import Testing

@Suite struct SearchRouteTests {
    @Test func searchPageHighlightsMatchesAndKeepsTheQuery() async throws {
        let site = try TestSite()
        try await site.add([Samples.refugees, Samples.planning])
        let response = site.get("/search?q=Fl%C3%BCchtlinge")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        let html = response.text
        #expect(html.contains("<mark>"))
        #expect(html.contains("value=\"Flüchtlinge\""))
        #expect(html.contains("<a href=\"./records/fischer2022unbegleitete/\">Unbegleitete minderjährige Flüchtlinge</a>"))
        #expect(html.contains("1 Treffer"))
        #expect(html.contains("Fischer"))
        #expect(html.contains("2022"))
        #expect(!html.contains("Jugendhilfeplanung in kleinen Gemeinden"))
        #expect(html.contains("<label for=\"search-q\">"))
        #expect(html.contains("aria-current=\"page\">Suche</a>"))
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(!html.contains(SnippetMarker.open))
    }

    @Test func searchPaginatesTwentyPerPage() async throws {
        let site = try TestSite()
        try await site.add(Samples.pressItems(45))
        let first = site.get("/search?q=Fl%C3%BCchtlinge").text
        #expect(first.contains("45 Treffer · Seite 1 von 3"))
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
            #expect(response.text.contains("role=\"status\">Bitte geben Sie einen Suchbegriff ein.</p>"), "\(target)")
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
        #expect(response.text.contains("class=\"search-message\" role=\"status\""))
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
        #expect(results.hits.allSatisfy { !$0.snippet.contains(SnippetMarker.open) })

        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        #expect(object["limit"] as? Int == 2)
        #expect(object["page"] as? Int == 2)
    }

    @Test func apiHighlightsPointIntoThePlainSnippet() async throws {
        let site = try TestSite()
        try await site.add([Samples.refugees])
        let response = site.get("/api/search?q=Fl%C3%BCchtlinge")
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let hit = try #require((object["hits"] as? [[String: Any]])?.first)
        let snippet = try #require(hit["snippet"] as? String)
        let highlights = try #require(hit["highlights"] as? [[String: Int]])
        #expect(!highlights.isEmpty)
        for highlight in highlights {
            let range = NSRange(location: highlight["start"] ?? -1, length: highlight["length"] ?? 0)
            #expect((snippet as NSString).substring(with: range).lowercased().hasPrefix("flüchtling"))
        }
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
