import ArchivarCore
import ArchivarWeb
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The server over real sockets on 127.0.0.1 (any free port).
@Suite struct WebServerTests {
    private func startServer(_ site: TestSite, port: UInt16 = 0) throws -> WebServer {
        let server = WebServer(options: WebOptions(host: "127.0.0.1", port: port, archiveDirectory: site.archive),
                               catalog: site.catalog, layout: site.layout, logger: site.log.logger)
        try server.start()
        return server
    }

    private func fetch(_ path: String, port: UInt16) async throws -> (Data, HTTPURLResponse) {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(path)"))
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(from: url)
        return (data, try #require(response as? HTTPURLResponse))
    }

    @Test func liveServerAnswersOverTCP() async throws {
        let site = try TestSite()
        try site.write("style.css", "body { margin: 0 }")
        try site.write("index.html", "start page")
        try "TOP-SECRET".write(to: site.directory.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try await site.add([Samples.refugees])
        let server = try startServer(site)
        defer { server.stop() }
        let port = server.port
        #expect(port != 0)

        let (health, healthResponse) = try await fetch("/healthz", port: port)
        #expect(healthResponse.statusCode == 200)
        #expect(String(decoding: health, as: UTF8.self) == "ok")

        let (css, cssResponse) = try await fetch("/style.css", port: port)
        #expect(cssResponse.statusCode == 200)
        #expect(cssResponse.value(forHTTPHeaderField: "Content-Type") == "text/css; charset=utf-8")
        #expect(cssResponse.value(forHTTPHeaderField: "ETag") != nil)
        #expect(cssResponse.value(forHTTPHeaderField: "X-Content-Type-Options") == "nosniff")
        #expect(String(decoding: css, as: UTF8.self) == "body { margin: 0 }")

        // A word of the abstract: a word found only in the title is not highlighted in the snippet.
        let (page, pageResponse) = try await fetch("/search?q=Th%C3%BCringen", port: port)
        #expect(pageResponse.statusCode == 200)
        let html = String(decoding: page, as: UTF8.self)
        #expect(html.contains("<mark>Thüringen</mark>"))
        #expect(html.contains("value=\"Thüringen\""))

        // Sent byte for byte: URLSession would remove the dot segments itself.
        for target in ["/../../etc/passwd", "/../secret.txt", "/%2e%2e/secret.txt", "/%252e%252e/secret.txt",
                       "/..%2fsecret.txt", "/secret.txt%00.html", "/..%5csecret.txt"] {
            let answer = try rawHTTP(port: port, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 400") || answer.hasPrefix("HTTP/1.1 404"), "\(target): \(answer.prefix(40))")
            #expect(!answer.contains("root:"), "\(target)")
            #expect(!answer.contains("TOP-SECRET"), "\(target)")
        }

        // HEAD: the headers of GET, no body.
        let head = try rawHTTP(port: port, "HEAD /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        #expect(head.hasPrefix("HTTP/1.1 200"))
        #expect(head.contains("Content-Length: 10\r\n"))
        #expect(head.hasSuffix("\r\n\r\n"))

        // Validators work over the wire too.
        let etag = try #require(cssResponse.value(forHTTPHeaderField: "ETag"))
        let notModified = try rawHTTP(port: port, "GET /style.css HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: \(etag)\r\nConnection: close\r\n\r\n")
        #expect(notModified.hasPrefix("HTTP/1.1 304"))

        // Other methods, with a body that is never read.
        let post = try rawHTTP(port: port, "POST /search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nq=abc")
        #expect(post.hasPrefix("HTTP/1.1 405"))
        #expect(post.contains("Allow: GET, HEAD"))

        server.stop()
        #expect(throws: (any Error).self) { try rawHTTP(port: port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") }
    }

    @Test func takenPortIsAClearError() throws {
        let site = try TestSite()
        let first = try startServer(site)
        defer { first.stop() }
        let error = #expect(throws: ArchivarError.self) { try startServer(site, port: first.port) }
        #expect(error?.description.hasPrefix("cannot listen on 127.0.0.1:\(first.port): ") == true)
        #expect(error?.description.contains("in use") == true)
    }

    @Test func unknownHostIsAClearError() throws {
        let site = try TestSite()
        let server = WebServer(options: WebOptions(host: "no such host", port: 0, archiveDirectory: site.archive),
                               catalog: site.catalog, layout: site.layout, logger: site.log.logger)
        let error = #expect(throws: ArchivarError.self) { try server.start() }
        #expect(error?.description.hasPrefix("cannot listen on no such host:0: ") == true)
    }
}
