import Foundation

/// The validators a response carries (`ETag`, `Last-Modified`), and whether a conditional
/// request's copy is still current, for every file the server sends.
/// Spec: RFC 9110 §8.8 (validators), §13.1.2, §13.1.3, §13.2.2.
struct CacheValidators {
    /// A strong entity tag, quoted.
    let etag: String
    /// When the content last changed, if known.
    let modified: Date?

    private func headers(contentType: String) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Content-Type": contentType, "ETag": etag]
        if let modified { headers.set("Last-Modified", HTTPDate.string(from: modified)) }
        return headers
    }

    /// Whether the client's validators say its copy is current. `If-None-Match` wins
    /// over `If-Modified-Since` when both are sent.
    func isCurrent(for headers: HTTPHeaders) -> Bool {
        if let tags = headers["If-None-Match"] {
            return tags.split(separator: ",").contains { candidate in
                let tag = candidate.trimmingCharacters(in: .whitespaces)
                return tag == "*" || (tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag) == etag
            }
        }
        if let modified, let since = headers["If-Modified-Since"].flatMap(HTTPDate.date(from:)) {
            return modified <= since
        }
        return false
    }

    /// `Content-Type`, `ETag` and (when known) `Last-Modified`, with `304 Not Modified`
    /// when the client's copy is current, else `200` with `body()`.
    func response(to request: HTTPRequest, contentType: String, body: () throws -> Data) rethrows -> HTTPResponse {
        let headers = headers(contentType: contentType)
        if isCurrent(for: request.headers) { return HTTPResponse(status: .notModified, headers: headers) }
        return HTTPResponse(status: .ok, headers: headers, body: try body())
    }
}
