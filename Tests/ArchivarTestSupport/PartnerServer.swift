import ArchivarCore
import ArchivarWeb
import Foundation
import Synchronization

/// A partner's web server for tests: real HTTP on 127.0.0.1 (libmicrohttpd through
/// `WebServer`), answering from routes the test sets and recording every request,
/// so a test can check what Archivar sent (conditional headers, User-Agent, how often).
public final class PartnerServer: Sendable {
    /// Answers a request for one path.
    public typealias Route = @Sendable (HTTPRequest) -> HTTPResponse

    /// Routes and received requests, shared with the server's worker threads.
    private final class Script: Sendable {
        let routes = Mutex<[String: Route]>([:])
        let received = Mutex<[HTTPRequest]>([])
    }

    private let script = Script()
    private let server: WebServer

    /// Starts a server on a free port of 127.0.0.1.
    public init() throws {
        let script = self.script
        server = WebServer(logger: .silent) { request in
            script.received.withLock { $0.append(request) }
            guard let route = script.routes.withLock({ $0[request.path] }) else {
                return HTTPResponse(status: .notFound, body: Data("no route for \(request.path)".utf8))
            }
            return route(request)
        }
        try server.start()
    }

    deinit { server.stop() }

    /// `http://127.0.0.1:PORT` followed by `path`.
    public func url(_ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(server.port)\(path)")!
    }

    /// Answers requests for `path` with `route` (replacing an earlier route).
    public func route(_ path: String, _ route: @escaping Route) {
        script.routes.withLock { $0[path] = route }
    }

    /// Answers `path` with a 200 and `body`, honouring `If-None-Match` with a 304
    /// when `etag` is given.
    public func serve(_ path: String, body: Data, contentType: String = "application/xml",
                      etag: String? = nil, lastModified: String? = nil) {
        route(path) { request in
            if let etag, request.headers["If-None-Match"] == etag {
                return HTTPResponse(status: .notModified, headers: ["ETag": etag])
            }
            var headers: HTTPHeaders = ["Content-Type": contentType]
            if let etag { headers.set("ETag", etag) }
            if let lastModified { headers.set("Last-Modified", lastModified) }
            return HTTPResponse(status: .ok, headers: headers, body: body)
        }
    }

    /// Every request received so far, oldest first.
    public var requests: [HTTPRequest] { script.received.withLock { $0 } }

    /// The requests received for `path`.
    public func requests(for path: String) -> [HTTPRequest] { requests.filter { $0.path == path } }

    /// Forgets the requests received so far.
    public func clearRequests() { script.received.withLock { $0.removeAll() } }
}
