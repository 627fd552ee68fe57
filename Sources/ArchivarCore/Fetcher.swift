import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A document as it was fetched: its bytes, the media type the server declared (with
/// any `charset` parameter; nil for files) and the address it finally came from.
public struct FetchedDocument: Sendable {
    public var data: Data
    /// The `Content-Type` header as sent, e.g. `application/rss+xml; charset=ISO-8859-1`.
    public var contentType: String?
    /// The URL after redirects.
    public var url: URL

    public init(data: Data, contentType: String? = nil, url: URL) {
        self.data = data
        self.contentType = contentType
        self.url = url
    }
}

/// Reads a source's bytes from a file or over HTTP, with conditional GET and a size limit.
/// One fetcher serves one source harvest and remembers the validators it saw.
public final class Fetcher: @unchecked Sendable {
    // @unchecked: the mutable validators are guarded by `lock`.
    private let lock = NSLock()
    private var validators: (etag: String?, lastModified: String?)
    public let userAgent: String
    public let maxBytes: Int
    public let timeout: TimeInterval

    public init(etag: String? = nil, lastModified: String? = nil, userAgent: String,
                maxBytes: Int = 20 * 1024 * 1024, timeout: TimeInterval = 30) {
        validators = (etag, lastModified)
        self.userAgent = userAgent
        self.maxBytes = maxBytes
        self.timeout = timeout
    }

    /// The ETag and Last-Modified of the last successful HTTP fetch.
    public var currentValidators: (etag: String?, lastModified: String?) {
        lock.withLock { validators }
    }

    /// The document at `url`, or nil when an HTTP server answered 304 Not Modified.
    public func fetch(_ url: URL) async throws -> FetchedDocument? {
        if url.isFileURL { return FetchedDocument(data: try readFile(url), url: url) }
        guard url.scheme == "http" || url.scheme == "https" else {
            throw ArchivarError(path: url.absoluteString, "only http, https and file URLs can be read")
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        let known = currentValidators
        if let etag = known.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified = known.lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw ArchivarError(path: url.absoluteString, "the answer was not HTTP")
        }
        switch http.statusCode {
        case 304:
            return nil
        case 200..<300:
            guard data.count <= maxBytes else {
                throw ArchivarError(path: url.absoluteString, "is larger than the limit of \(maxBytes) bytes")
            }
            lock.withLock {
                validators = (http.value(forHTTPHeaderField: "ETag"), http.value(forHTTPHeaderField: "Last-Modified"))
            }
            return FetchedDocument(data: data, contentType: http.value(forHTTPHeaderField: "Content-Type"), url: http.url ?? url)
        default:
            throw ArchivarError(path: url.absoluteString, "the server answered HTTP \(http.statusCode)")
        }
    }

    private func readFile(_ url: URL) throws -> Data {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        } catch {
            throw ArchivarError(path: url.path, "cannot be read: no such file")
        }
        if let size = attributes[.size] as? Int, size > maxBytes {
            throw ArchivarError(path: url.path, "is larger than the limit of \(maxBytes) bytes")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ArchivarError(path: url.path, "cannot be read: \(error.localizedDescription)")
        }
    }
}
