import ArchivarTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `archivar serve` in a site where `publish` never ran: the search page still gets its
/// stylesheet, the same one `publish` writes later.
@Suite struct UnpublishedServeTests {
    @Test func theSearchPageOfAnUnpublishedSiteLinksAStylesheetThatIsServed() async throws {
        let site = try ArchivarSite()
        let archive = site.directory.file("archive")
        #expect(!FileManager.default.fileExists(atPath: archive.path))
        let server = try site.start(["serve", "--port", "0"])
        defer {
            if server.process.isRunning { server.process.terminate() }
        }
        let port = try #require(servingPort(of: server), "serve did not start: \(server.stderr)")
        let searchURL = try #require(URL(string: "http://127.0.0.1:\(port)/search?q=Planung"))

        let (page, pageResponse) = try await fetch(searchURL)
        #expect(pageResponse.statusCode == 200)
        let href = try #require(String(decoding: page, as: UTF8.self)
            .firstMatch(of: #/<link rel="stylesheet" href="([^"]+)">/#).map { String($0.1) })
        let stylesheetURL = try #require(URL(string: href, relativeTo: searchURL)?.absoluteURL)

        let (css, cssResponse) = try await fetch(stylesheetURL)
        #expect(cssResponse.statusCode == 200, "\(stylesheetURL)")
        #expect(cssResponse.value(forHTTPHeaderField: "Content-Type") == "text/css; charset=utf-8")
        #expect(cssResponse.value(forHTTPHeaderField: "Cache-Control") == "no-cache")
        #expect(cssResponse.value(forHTTPHeaderField: "ETag") != nil)
        #expect(String(decoding: css, as: UTF8.self).contains(".search-help summary"))

        // The stylesheet `publish` writes is byte for byte the one served before it.
        #expect(try site.run("publish").status == 0)
        let published = try Data(contentsOf: archive.appendingPathComponent("style.css"))
        #expect(css == published)
        let (_, afterPublish) = try await fetch(stylesheetURL)
        #expect(afterPublish.value(forHTTPHeaderField: "Last-Modified") != nil, "now the archive's own file is served")
    }

    /// The port `serve` announces, waiting on this thread: the other end-to-end tests may
    /// hold every thread of the cooperative pool while they wait for the binary, and a
    /// sleeping task would not wake in time.
    private func servingPort(of server: RunningProcess) -> String? {
        let deadline = Date().addingTimeInterval(20)
        while !server.stdout.contains("Serving"), server.process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        return server.stdout.firstMatch(of: #/127\.0\.0\.1:(\d+)/#).map { String($0.1) }
    }

    private func fetch(_ url: URL) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return (data, try #require(response as? HTTPURLResponse))
    }
}
