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

/// Reads a source's bytes from a file or over HTTP, politely: it says who it is
/// (User-Agent), asks conditionally (ETag, Last-Modified), accepts gzip, gives up after
/// `timeout` seconds of silence and stops reading past `maxBytes`. One fetcher serves
/// one source harvest and remembers the validators and permanent redirects it saw.
/// Failures are thrown as `FetchError`s naming the URL and the reason.
public final class Fetcher: @unchecked Sendable {
    // @unchecked: the mutable validators and redirects are guarded by `lock`.
    private let lock = NSLock()
    private var validators: (etag: String?, lastModified: String?)
    private var movedPermanently: [URL: URL] = [:]
    public let userAgent: String
    public let maxBytes: Int
    public let timeout: TimeInterval

    /// The most bytes read when a source sets no `maxBytes`: 20 MB.
    public static let defaultMaxBytes = 20 * 1024 * 1024
    /// The longest silence allowed when a source sets no `timeout`: 30 s.
    public static let defaultTimeout: TimeInterval = 30

    public init(etag: String? = nil, lastModified: String? = nil, userAgent: String,
                maxBytes: Int = Fetcher.defaultMaxBytes, timeout: TimeInterval = Fetcher.defaultTimeout) {
        validators = (etag, lastModified)
        self.userAgent = userAgent
        self.maxBytes = maxBytes
        self.timeout = timeout
    }

    /// The ETag and Last-Modified of the last successful HTTP fetch (the stored ones
    /// until a server sends new ones).
    public var currentValidators: (etag: String?, lastModified: String?) {
        lock.withLock { validators }
    }

    /// Where `url` moved to, when fetching it followed only permanent redirects
    /// (301, 308) to a successful answer.
    public func permanentRedirect(of url: URL) -> URL? {
        lock.withLock { movedPermanently[url] }
    }

    /// The document at `url`, or nil when an HTTP server answered 304 Not Modified.
    public func fetch(_ url: URL, now: Date = Date()) async throws -> FetchedDocument? {
        if url.isFileURL { return FetchedDocument(data: try readFile(url), url: url) }
        guard url.scheme == "http" || url.scheme == "https" else {
            throw FetchError(url: url, reason: "only http, https and file URLs can be read")
        }
        let outcome: HTTPTransfer.Outcome
        do {
            outcome = try await HTTPTransfer.run(request(for: url), maxBytes: maxBytes)
        } catch is HTTPTransfer.TooLarge {
            throw FetchError.tooLarge(url: url, limit: maxBytes)
        } catch {
            throw FetchError.transport(error, url: url, timeout: timeout)
        }
        let http = outcome.response
        switch http.statusCode {
        case 304:
            rememberRedirects(outcome.redirects, of: url)
            return nil
        case 200..<300:
            rememberRedirects(outcome.redirects, of: url)
            lock.withLock {
                validators = (http.value(forHTTPHeaderField: "ETag"), http.value(forHTTPHeaderField: "Last-Modified"))
            }
            return FetchedDocument(data: outcome.body, contentType: http.value(forHTTPHeaderField: "Content-Type"),
                                   url: outcome.redirects.last?.target ?? url)
        default:
            throw FetchError.status(http, url: url, now: now)
        }
    }

    private func request(for url: URL) -> URLRequest {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue("gzip", forHTTPHeaderField: "Accept-Encoding")
        let known = currentValidators
        if let etag = known.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified = known.lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        return request
    }

    /// A chain of permanent redirects is remembered; one temporary step in it is not.
    private func rememberRedirects(_ redirects: [HTTPTransfer.Redirect], of url: URL) {
        guard let last = redirects.last, redirects.allSatisfy({ $0.status == 301 || $0.status == 308 }) else { return }
        lock.withLock { movedPermanently[url] = last.target }
    }

    private func readFile(_ url: URL) throws -> Data {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        } catch {
            throw ArchivarError(path: url.path, "cannot be read: no such file")
        }
        if let size = attributes[.size] as? Int, size > maxBytes {
            throw ArchivarError(path: url.path, "is larger than the limit of \(FetchError.byteCount(maxBytes)) (the source's \"maxBytes\")")
        }
        do {
            return try WholeFileRead.bytes(atPath: url.path) ?? Data(contentsOf: url)
        } catch {
            throw ArchivarError(path: url.path, "cannot be read: \(error.localizedDescription)")
        }
    }
}
