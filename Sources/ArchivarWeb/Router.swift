import ArchivarCore
import ArchivarHTML
import Foundation

/// Answers the requests of `archivar serve`, synchronously and without sockets (the
/// tests call it in-process; `WebServer` puts it behind libmicrohttpd).
///
/// Routes, for GET and HEAD (other methods get 405 with `Allow`):
/// `/healthz`, `/search`, `/api/search`, and every other path a file of the archive;
/// `/style.css` comes from the binary while the archive has none (`BuiltInStylesheet`).
/// Every response gets `Cache-Control: no-cache`, `X-Content-Type-Options: nosniff`
/// and a strict `Content-Security-Policy`; every request is logged at debug level.
/// Spec: SPEC.md §7, §10.
public struct Router: Sendable {
    /// The archive pages need no inline script or style and no other origin.
    static let contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

    private let files: StaticFiles
    private let catalog: any CatalogReader
    private let layout: PageLayout
    private let logger: Logger

    /// A router over the published archive in `archiveDirectory` and the catalog's search.
    public init(archiveDirectory: URL, catalog: any CatalogReader, layout: PageLayout, logger: Logger) {
        files = StaticFiles(root: archiveDirectory)
        self.catalog = catalog
        self.layout = layout
        self.logger = logger
    }

    /// The response to `request`; failures become error pages, never a thrown error.
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let started = ContinuousClock.now
        var response: HTTPResponse
        var failure: HTTPError?
        do {
            response = try route(request)
        } catch {
            let httpError = error as? HTTPError ?? HTTPError(.internalServerError, "unexpected error", underlying: error)
            failure = httpError
            response = errorResponse(httpError, for: request)
        }
        response.headers.set("Cache-Control", "no-cache")
        response.headers.set("X-Content-Type-Options", "nosniff")
        response.headers.set("Content-Security-Policy", Self.contentSecurityPolicy)

        let elapsed = started.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata = ["method": request.method, "path": request.path, "status": response.status.description,
                        "ms": String(format: "%.2f", milliseconds)]
        if let failure {
            metadata["reason"] = failure.reason
            if let underlying = failure.underlying { metadata["error"] = String(describing: underlying) }
            if failure.status == .internalServerError { logger.error("request failed", metadata) }
        }
        logger.debug("request", metadata)
        return response
    }

    private func route(_ request: HTTPRequest) throws -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            throw HTTPError(.methodNotAllowed, "method \(request.method) is not served")
        }
        let path = try RequestPath(raw: request.path)
        switch path.decoded {
        case "/healthz":
            return .text(.ok, "ok")
        case "/search":
            return try SearchPage(layout: layout).response(to: request, catalog: catalog)
        case "/api/search":
            return try SearchAPI(catalog: catalog, strings: layout.strings).response(to: request)
        case BuiltInStylesheet.path:
            do {
                return try files.response(for: path, request: request)
            } catch let error as HTTPError where error.status == .notFound {
                return BuiltInStylesheet.response(to: request) // a site not published yet
            }
        default:
            return try files.response(for: path, request: request)
        }
    }

    /// JSON for API paths; else the archive's `404.html` for 404, or a page in the layout.
    private func errorResponse(_ error: HTTPError, for request: HTTPRequest) -> HTTPResponse {
        let (title, text) = errorText(error.status)
        var response: HTTPResponse
        if request.path.hasPrefix("/api/") {
            response = .json(error.status, JSONValue.object(["error": .string(title)]).canonicalData())
        } else if error.status == .notFound, let page = archiveNotFoundPage() {
            response = HTTPResponse(status: .notFound, headers: ["Content-Type": MIMEType.html], body: page)
        } else {
            let root = request.relativeRoot
            response = .html(error.status, layout.page(title: title, root: root, body: [
                .element("h1", text: title),
                .element("p", text: text),
                .element("p", [], [.link(root, layout.strings["notfound.home"])]),
            ]))
        }
        if error.status == .methodNotAllowed { response.headers.set("Allow", "GET, HEAD") }
        return response
    }

    private func errorText(_ status: HTTPStatus) -> (title: String, text: String) {
        let key = switch status {
        case .badRequest: "error.badrequest"
        case .notFound: "notfound"
        case .methodNotAllowed: "error.method"
        default: "error.server"
        }
        return (layout.strings[key + ".title"], layout.strings[key + ".text"])
    }

    private func archiveNotFoundPage() -> Data? {
        do {
            return try files.notFoundPage()
        } catch {
            logger.error("cannot read the archive's 404.html", ["error": String(describing: error)])
            return nil
        }
    }
}
