import ArchivarWeb
import Foundation
import Testing

@Suite struct StaticFileTests {
    @Test func healthzAnswersOK() throws {
        let site = try TestSite()
        let response = site.get("/healthz")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(response.text == "ok")
    }

    @Test func filesGetTheirContentTypes() throws {
        let site = try TestSite()
        let expected: [(String, String)] = [
            ("page.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("feed.atom", "application/atom+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("record.json", "application/json; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("logo.png", "image/png"),
            ("photo.JPG", "image/jpeg"),
            ("icon.svg", "image/svg+xml; charset=utf-8"),
            ("paper.pdf", "application/pdf"),
            ("font.woff2", "font/woff2"),
            ("data.unknown", "application/octet-stream"),
            ("README", "application/octet-stream"),
        ]
        for (name, type) in expected {
            try site.write("files/" + name, "content of \(name)")
            let response = site.get("/files/" + name)
            #expect(response.status == .ok, "\(name)")
            #expect(response.headers["Content-Type"] == type, "\(name)")
            #expect(response.text == "content of \(name)")
        }
    }

    @Test func everyResponseCarriesSecurityAndCacheHeaders() throws {
        let site = try TestSite()
        try site.write("index.html", "<p>Start</p>")
        for target in ["/", "/healthz", "/missing", "/../x", "/search?q=x"] {
            let response = site.get(target)
            #expect(response.headers["X-Content-Type-Options"] == "nosniff", "\(target)")
            #expect(response.headers["Content-Security-Policy"]?.hasPrefix("default-src 'self'") == true, "\(target)")
            #expect(response.headers["Cache-Control"] == "no-cache", "\(target)")
        }
    }

    @Test func rootAndDirectoriesServeTheirIndexPage() throws {
        let site = try TestSite()
        try site.write("index.html", "start page")
        try site.write("publications/index.html", "publications page")
        try site.write("records/müller2019/index.html", "record page")
        #expect(site.get("/").text == "start page")
        #expect(site.get("/publications/").text == "publications page")
        #expect(site.get("/records/m%C3%BCller2019/").text == "record page")
        #expect(site.get("/publications/").headers["Content-Type"] == "text/html; charset=utf-8")
        try FileManager.default.createDirectory(at: site.archive.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(site.get("/empty/").status == .notFound)
    }

    @Test func directoryWithoutSlashRedirectsToIt() throws {
        let site = try TestSite()
        try site.write("publications/2022/index.html", "2022")
        let plain = site.get("/publications/2022")
        #expect(plain.status == .movedPermanently)
        #expect(plain.headers["Location"] == "2022/")
        let withQuery = site.get("/publications?sort=year")
        #expect(withQuery.headers["Location"] == "publications/?sort=year")
        // A file is not a directory: a trailing slash after it is a miss.
        try site.write("style.css", "body {}")
        #expect(site.get("/style.css/").status == .notFound)
    }

    @Test func validatorsGiveNotModified() throws {
        let site = try TestSite()
        let file = try site.write("feed.atom", "<feed/>")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)],
                                              ofItemAtPath: file.path)
        let first = site.get("/feed.atom")
        let etag = try #require(first.headers["ETag"])
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
        #expect(first.headers["Last-Modified"] == "Tue, 14 Nov 2023 22:13:20 GMT")

        for header: HTTPHeaders in [["If-None-Match": etag], ["If-None-Match": "W/" + etag],
                                    ["If-None-Match": "\"other\", " + etag], ["If-None-Match": "*"],
                                    ["If-Modified-Since": "Tue, 14 Nov 2023 22:13:20 GMT"],
                                    ["If-Modified-Since": "Wed, 15 Nov 2023 08:00:00 GMT"]] {
            let response = site.get("/feed.atom", headers: header)
            #expect(response.status == .notModified, "\(header.fields)")
            #expect(response.body.isEmpty)
            #expect(response.headers["ETag"] == etag)
        }
        // Stale or unreadable validators get the full file; If-None-Match wins over If-Modified-Since.
        for header: HTTPHeaders in [["If-None-Match": "\"stale\""],
                                    ["If-Modified-Since": "Mon, 13 Nov 2023 08:00:00 GMT"],
                                    ["If-Modified-Since": "yesterday"],
                                    ["If-None-Match": "\"stale\"", "If-Modified-Since": "Wed, 15 Nov 2023 08:00:00 GMT"]] {
            let response = site.get("/feed.atom", headers: header)
            #expect(response.status == .ok, "\(header.fields)")
            #expect(response.text == "<feed/>")
        }
        // A republished file gets a new validator.
        try site.write("feed.atom", "<feed>new</feed>")
        let changed = site.get("/feed.atom", headers: ["If-None-Match": etag])
        #expect(changed.status == .ok)
        #expect(changed.headers["ETag"] != etag)
    }

    @Test func traversalAttemptsNeverLeaveTheArchive() throws {
        let site = try TestSite()
        try "TOP-SECRET".write(to: site.directory.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try site.write("index.html", "start page")
        try site.write("a/b/index.html", "deep page")
        try FileManager.default.createSymbolicLink(at: site.archive.appendingPathComponent("escape"),
                                                   withDestinationURL: site.directory)
        try FileManager.default.createSymbolicLink(at: site.archive.appendingPathComponent("leak.txt"),
                                                   withDestinationURL: site.directory.appendingPathComponent("secret.txt"))
        let hostile = [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/a/b/../../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/.%2e/secret.txt",
            "/..%2fsecret.txt",
            "/a%2f..%2f..%2fsecret.txt",
            "/%252e%252e/secret.txt",
            "/%252e%252e%252fsecret.txt",
            "/%25%32%65%25%32%65/secret.txt",
            "/..%5csecret.txt",
            "/..\\secret.txt",
            "/a\\..\\..\\secret.txt",
            "/secret.txt%00.html",
            "/index.html%00/../../secret.txt",
            "/%c0%ae%c0%ae/secret.txt",
            "/%ZZ/secret.txt",
            "/./../secret.txt",
            "//../secret.txt",
            "http://example.org/../secret.txt",
            "/escape/secret.txt",
            "/escape/c.sqlite",
            "/leak.txt",
        ]
        for target in hostile {
            let response = site.get(target)
            #expect([HTTPStatus.badRequest, .notFound].contains(response.status), "\(target) → \(response.status)")
            #expect(!response.text.contains("TOP-SECRET"), "\(target)")
        }
        #expect(site.get("/%2e%2e/secret.txt").status == .badRequest)
        #expect(site.get("/escape/secret.txt").status == .notFound)
        // Symlinks that stay inside the archive are fine.
        try FileManager.default.createSymbolicLink(at: site.archive.appendingPathComponent("alias"),
                                                   withDestinationURL: site.archive.appendingPathComponent("a"))
        #expect(site.get("/alias/b/").text == "deep page")
    }

    @Test func archiveRootMayBeASymlinkSwappedByPublish() throws {
        let site = try TestSite()
        try site.write("index.html", "generation 1")
        let current = site.directory.appendingPathComponent("current")
        try FileManager.default.createSymbolicLink(at: current, withDestinationURL: site.archive)
        #expect(site.router(archiveDirectory: current).respond(to: HTTPRequest(method: "GET", target: "/")).text == "generation 1")
    }

    @Test func hiddenFilesAreNotServed() throws {
        let site = try TestSite()
        try site.write(".tmp-index.html", "half written")
        try site.write("records/.git/config", "x")
        #expect(site.get("/.tmp-index.html").status == .notFound)
        #expect(site.get("/records/.git/config").status == .notFound)
    }

    @Test func missingFileGetsTheArchive404Page() throws {
        let site = try TestSite()
        try site.write("404.html", "<h1>Archiv: nicht gefunden</h1>")
        let response = site.get("/publications/1999/")
        #expect(response.status == .notFound)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(response.text == "<h1>Archiv: nicht gefunden</h1>")
    }

    @Test func missingFileWithoutArchive404GetsALayoutPage() throws {
        let site = try TestSite()
        let response = site.get("/publications/1999/nothing.html")
        #expect(response.status == .notFound)
        #expect(response.text.hasPrefix("<!DOCTYPE html>"))
        #expect(response.text.contains("<html lang=\"de\">"))
        #expect(response.text.contains("Seite nicht gefunden"))
        // Links are relative to the root from where the visitor is.
        #expect(response.text.contains("href=\"../../style.css\""))
    }

    @Test func onlyGetAndHeadAreAllowed() throws {
        let site = try TestSite()
        try site.write("index.html", "start page")
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let response = site.get("/", method: method)
            #expect(response.status == .methodNotAllowed, "\(method)")
            #expect(response.headers["Allow"] == "GET, HEAD")
        }
        let api = site.get("/api/search?q=x", method: "POST")
        #expect(api.status == .methodNotAllowed)
        #expect(api.headers["Content-Type"] == "application/json; charset=utf-8")
        let head = site.get("/", method: "HEAD")
        #expect(head.status == .ok)
        #expect(head.headers["Content-Type"] == "text/html; charset=utf-8")
    }

    @Test func requestsAreLoggedAtDebugLevel() throws {
        let site = try TestSite()
        _ = site.get("/missing.html")
        let event = try #require(site.log.events.last)
        #expect(event.level == .debug)
        #expect(event.metadata["method"] == "GET")
        #expect(event.metadata["path"] == "/missing.html")
        #expect(event.metadata["status"] == "404")
        #expect(Double(event.metadata["ms"] ?? "") != nil)
    }

    @Test func requestTargetIsSplitAndDecoded() {
        let request = HTTPRequest(method: "GET", target: "/search?q=Fl%C3%BCchtlinge+in+Erfurt&page=2&q=second#top")
        #expect(request.path == "/search")
        #expect(request.queryValue("q") == "Flüchtlinge in Erfurt")
        #expect(request.queryValue("page") == "2")
        #expect(request.queryValue("limit") == nil)
        let absolute = HTTPRequest(method: "GET", target: "http://example.org/feed.atom?x=1")
        #expect(absolute.path == "/feed.atom")
        #expect(absolute.query == "x=1")
        #expect(HTTPRequest(method: "GET", target: "/?q=%ZZ").queryValue("q") == "%ZZ")
    }
}
