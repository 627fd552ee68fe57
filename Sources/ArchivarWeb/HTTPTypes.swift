import Foundation

/// An HTTP status code.
/// Spec: RFC 9110 §15.
public struct HTTPStatus: Sendable, Hashable, CustomStringConvertible {
    /// The three-digit code.
    public let code: Int

    /// A status by its code.
    public init(code: Int) { self.code = code }

    /// 200: the body is the resource.
    public static let ok = HTTPStatus(code: 200)
    /// 301: a directory asked for without its trailing slash.
    public static let movedPermanently = HTTPStatus(code: 301)
    /// 304: the client's cached copy is still current.
    public static let notModified = HTTPStatus(code: 304)
    /// 400: a path that is malformed or tries to leave the archive.
    public static let badRequest = HTTPStatus(code: 400)
    /// 404: nothing at this path.
    public static let notFound = HTTPStatus(code: 404)
    /// 405: a method other than GET or HEAD.
    public static let methodNotAllowed = HTTPStatus(code: 405)
    /// 500: the server failed (a catalog or file-system error).
    public static let internalServerError = HTTPStatus(code: 500)

    /// The code as text, e.g. `404`.
    public var description: String { String(code) }
}

/// Header fields in the order given; names compare case-insensitively.
/// Spec: RFC 9110 §5.1.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// The fields as sent or to be sent.
    public private(set) var fields: [(name: String, value: String)]

    /// Headers from name–value pairs.
    public init(_ fields: [(String, String)] = []) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    /// Headers from a literal: `["Accept-Encoding": "gzip"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value of the field `name`, whatever its case.
    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Sets `name` to `value`, replacing every earlier value of that field.
    public mutating func set(_ name: String, _ value: String) {
        fields.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
        fields.append((name: name, value: value))
    }

    /// Iterates over the fields in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}

/// A request as the router sees it: method, the request target split into its raw
/// (still percent-encoded) path and query, and the header fields.
public struct HTTPRequest: Sendable {
    /// `GET`, `HEAD`, …
    public var method: String
    /// The path exactly as sent, still percent-encoded: the router decodes it once,
    /// segment by segment, so that an encoded `/` or `..` can be told from a real one.
    public var path: String
    /// The query string after `?`, still encoded (empty when there is none).
    public var query: String
    /// The header fields.
    public var headers: HTTPHeaders

    /// A request from its request-line target (`/search?q=Fl%C3%BCchtlinge`); the
    /// absolute form (`http://host/path`) is reduced to its path.
    /// Spec: RFC 9112 §3.2.
    public init(method: String, target: String, headers: HTTPHeaders = [:]) {
        var rest = Substring(target)
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        let lowercased = rest.lowercased()
        if lowercased.hasPrefix("http://") || lowercased.hasPrefix("https://"),
           let authority = rest.range(of: "://") {
            let afterScheme = rest[authority.upperBound...]
            rest = afterScheme.firstIndex(of: "/").map { afterScheme[$0...] } ?? "/"
        }
        if let mark = rest.firstIndex(of: "?") {
            path = String(rest[..<mark])
            query = String(rest[rest.index(after: mark)...])
        } else {
            path = String(rest)
            query = ""
        }
        self.method = method
        self.headers = headers
    }

    /// The decoded value of the first query parameter called `name` (`+` is a space).
    /// Spec: WHATWG URL, application/x-www-form-urlencoded parsing.
    public func queryValue(_ name: String) -> String? {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard PercentEncoding.decodeFormComponent(parts[0]) == name else { continue }
            return parts.count > 1 ? PercentEncoding.decodeFormComponent(parts[1]) : ""
        }
        return nil
    }

    /// The relative path from this request's directory back to the site root
    /// (`"./"` for `/search`, `"../../"` for `/a/b/c`), for links on generated pages.
    var relativeRoot: String {
        let depth = max(0, path.reduce(0) { $1 == "/" ? $0 + 1 : $0 } - 1)
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }
}

/// A response: status, header fields and body.
///
/// For `HEAD` the body is kept: the transport sends the headers only, with the
/// length of the body that a `GET` would have had.
public struct HTTPResponse: Sendable {
    /// The status.
    public var status: HTTPStatus
    /// The header fields, `Content-Type` among them.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: Data

    /// A response from its parts.
    public init(status: HTTPStatus, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// An HTML page (UTF-8).
    static func html(_ status: HTTPStatus, _ page: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": MIMEType.html], body: Data(page.utf8))
    }

    /// A JSON document (UTF-8).
    static func json(_ status: HTTPStatus, _ body: Data) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": MIMEType.json], body: body)
    }

    /// Plain text (UTF-8).
    static func text(_ status: HTTPStatus, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": MIMEType.text], body: Data(text.utf8))
    }
}

/// An error that carries the status to answer with; `reason` and `underlying` are
/// for the log, never shown to the visitor.
struct HTTPError: Error {
    var status: HTTPStatus
    var reason: String
    var underlying: (any Error)?

    init(_ status: HTTPStatus, _ reason: String, underlying: (any Error)? = nil) {
        self.status = status
        self.reason = reason
        self.underlying = underlying
    }
}
