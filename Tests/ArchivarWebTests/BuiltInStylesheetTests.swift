import ArchivarHTML
import ArchivarWeb
import Foundation
import Testing

/// `/search` links `style.css`; before the first `publish` the archive has none, and the
/// server answers with the stylesheet the html sink would write.
@Suite struct BuiltInStylesheetTests {
    @Test func anUnpublishedArchiveGetsTheStylesheetFromTheBinary() throws {
        let site = try TestSite()
        let search = site.get("/search?q=Planung")
        #expect(search.text.contains(#"<link rel="stylesheet" href="./style.css">"#), "\(search.text.prefix(600))")

        let css = site.get("/style.css")
        #expect(css.status == .ok)
        #expect(css.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(css.text == Stylesheet.css)
        #expect(css.headers["Cache-Control"] == "no-cache")
        #expect(css.headers["X-Content-Type-Options"] == "nosniff")
        let etag = try #require(css.headers["ETag"])
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))

        let again = site.get("/style.css", headers: ["If-None-Match": etag])
        #expect(again.status == .notModified)
        #expect(again.body.isEmpty)
        #expect(site.get("/style.css", headers: ["If-None-Match": "\"stale\""]).status == .ok)
        #expect(site.get("/style.css", method: "HEAD").headers["Content-Type"] == "text/css; charset=utf-8")
    }

    @Test func thePublishedStylesheetWinsOverTheBuiltInOne() throws {
        let site = try TestSite()
        try site.write("style.css", "body { color: teal; }")
        let css = site.get("/style.css")
        #expect(css.status == .ok)
        #expect(css.text == "body { color: teal; }")
        #expect(css.headers["Last-Modified"] != nil)
    }

    @Test func onlyTheStylesheetComesFromTheBinary() throws {
        let site = try TestSite()
        #expect(site.get("/index.html").status == .notFound)
        #expect(site.get("/search/style.css").status == .notFound)
        #expect(site.get("/style.css/").status == .notFound)
    }
}
