import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP GET through URLSession: the body is counted while it arrives and the
/// transfer cancelled as soon as it passes the limit; every redirect followed is
/// recorded. libcurl decodes `Content-Encoding: gzip`, so the limit counts decoded bytes.
final class HTTPTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    // @unchecked: the mutable state below is only touched under `lock`.

    /// One redirect: its status and where it pointed.
    struct Redirect: Sendable {
        var status: Int
        var target: URL
    }

    /// What came back: the final response, its (decoded) body and the redirects on the way.
    struct Outcome: Sendable {
        var response: HTTPURLResponse
        var body: Data
        var redirects: [Redirect]
    }

    /// The body passed the limit and the transfer was cancelled.
    struct TooLarge: Error {}

    private let maxBytes: Int
    private let lock = NSLock()
    private var body = Data()
    private var redirects: [Redirect] = []
    private var exceeded = false
    private var continuation: CheckedContinuation<Outcome, Error>?

    private init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    /// Performs `request` (its `timeoutInterval` is the longest silence allowed) and
    /// reads at most `maxBytes` of body.
    static func run(_ request: URLRequest, maxBytes: Int) async throws -> Outcome {
        let transfer = HTTPTransfer(maxBytes: maxBytes)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = request.timeoutInterval
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        let session = URLSession(configuration: configuration, delegate: transfer, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: request)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                transfer.lock.withLock { transfer.continuation = continuation }
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        // Only http(s) targets: a partner must not redirect Archivar to a local file.
        guard let target = request.url, target.scheme == "http" || target.scheme == "https" else {
            completionHandler(nil)
            return
        }
        lock.withLock { redirects.append(Redirect(status: response.statusCode, target: target)) }
        completionHandler(request)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        // A declared length over the limit ends the transfer before the body is read.
        // (With gzip it is the compressed length; the decoded bytes are counted below.)
        if response.expectedContentLength > Int64(maxBytes) {
            lock.withLock { exceeded = true }
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overLimit = lock.withLock { () -> Bool in
            guard !exceeded else { return false }
            body.append(data)
            exceeded = body.count > maxBytes
            if exceeded { body = Data() }
            return exceeded
        }
        if overLimit { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let (continuation, result) = lock.withLock { () -> (CheckedContinuation<Outcome, Error>?, Result<Outcome, Error>) in
            defer { self.continuation = nil }
            if exceeded { return (self.continuation, .failure(TooLarge())) }
            if let error { return (self.continuation, .failure(error)) }
            guard let response = task.response as? HTTPURLResponse else {
                return (self.continuation, .failure(URLError(.badServerResponse)))
            }
            return (self.continuation, .success(Outcome(response: response, body: body, redirects: redirects)))
        }
        continuation?.resume(with: result)
    }
}
