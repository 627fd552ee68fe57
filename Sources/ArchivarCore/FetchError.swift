import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why fetching a source failed, naming the URL, plus what the server asked of us:
/// 410 Gone means stop asking, 429 and 503 may say when to come back.
public struct FetchError: Error, CustomStringConvertible, Sendable {
    /// The address that was asked for.
    public var url: URL
    /// What went wrong, e.g. `the server answered HTTP 404 Not Found`.
    public var reason: String
    /// The server answered 410 Gone: the source should not be harvested any more.
    public var isGone: Bool
    /// When the server asked to be contacted again (`Retry-After` on 429 or 503).
    public var retryAfter: Date?

    public init(url: URL, reason: String, isGone: Bool = false, retryAfter: Date? = nil) {
        self.url = url
        self.reason = reason
        self.isGone = isGone
        self.retryAfter = retryAfter
    }

    public var description: String { "\(url.absoluteString): \(reason)" }

    /// The error for an HTTP status that is neither success nor 304.
    static func status(_ response: HTTPURLResponse, url: URL, now: Date) -> FetchError {
        let code = response.statusCode
        var reason = "the server answered HTTP \(code) \(HTTPURLResponse.localizedString(forStatusCode: code))"
        var retryAfter: Date?
        if code == 429 || code == 503, let header = response.value(forHTTPHeaderField: "Retry-After") {
            retryAfter = RetryAfter.date(header, now: now)
            if let retryAfter { reason += "; it asked to wait until \(DateText.rfc3339(retryAfter))" }
        }
        return FetchError(url: url, reason: reason, isGone: code == 410, retryAfter: retryAfter)
    }

    /// The error for a transfer that did not get a whole answer.
    static func transport(_ error: Error, url: URL, timeout: TimeInterval) -> FetchError {
        let host = url.host ?? url.absoluteString
        let reason: String
        switch (error as? URLError)?.code {
        case .timedOut?:
            reason = "the server did not answer within \(Self.seconds(timeout))"
        case .cannotFindHost?, .dnsLookupFailed?:
            reason = "the host name \(host) could not be resolved (DNS)"
        case .cannotConnectToHost?:
            reason = "could not connect to \(host)\(url.port.map { ":\($0)" } ?? ""): connection refused or host unreachable"
        case .networkConnectionLost?:
            reason = "the connection was lost before the whole answer arrived"
        case .httpTooManyRedirects?:
            reason = "the server redirected too many times"
        case .secureConnectionFailed?, .serverCertificateUntrusted?, .serverCertificateHasBadDate?,
             .serverCertificateNotYetValid?, .serverCertificateHasUnknownRoot?:
            reason = "the TLS connection failed: \(Self.detail(of: error))"
        default:
            reason = "the request failed: \(Self.detail(of: error))"
        }
        return FetchError(url: url, reason: reason)
    }

    /// The error for an answer larger than the limit.
    static func tooLarge(url: URL, limit: Int) -> FetchError {
        FetchError(url: url, reason: "the answer is larger than the limit of \(byteCount(limit)) (the source's \"maxBytes\"); stopped reading")
    }

    /// `10 s`, `1.5 s`.
    static func seconds(_ interval: TimeInterval) -> String {
        interval.rounded() == interval ? "\(Int(interval)) s" : String(format: "%.1f s", interval)
    }

    /// `20 MB` for whole mebibytes, else `1500 bytes`.
    static func byteCount(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }

    private static func detail(of error: Error) -> String {
        (error as NSError).userInfo[NSLocalizedDescriptionKey] as? String ?? String(describing: error)
    }
}
