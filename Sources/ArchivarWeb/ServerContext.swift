import ArchivarCore
import Synchronization

/// What libmicrohttpd's callbacks reach through their `cls` pointer: the handler, the
/// logger, the count of requests in flight (for a graceful stop) and the daemon's
/// messages while it starts (for a clear error when it cannot).
final class ServerContext: Sendable {
    /// Answers one request (the archive's `Router`, or a test's scripted server).
    let respond: @Sendable (HTTPRequest) -> HTTPResponse
    let logger: Logger
    /// Requests received and not yet completed.
    let inFlight = Atomic<Int>(0)
    /// Non-nil while the daemon starts: its messages are collected instead of logged.
    private let startupMessages = Mutex<[String]?>(nil)

    init(respond: @escaping @Sendable (HTTPRequest) -> HTTPResponse, logger: Logger) {
        self.respond = respond
        self.logger = logger
    }

    /// A message from libmicrohttpd (bind failures, malformed requests).
    func daemonMessage(_ message: String) {
        let collected = startupMessages.withLock { messages in
            messages?.append(message)
            return messages != nil
        }
        if !collected { logger.warning("libmicrohttpd: " + message) }
    }

    /// Runs `start` while collecting the daemon's messages; throws `onFailure(messages)`
    /// when it gives nil, else logs what was collected.
    func collectingDaemonMessages<T>(_ start: () -> T?, onFailure: ([String]) -> any Error) throws -> T {
        startupMessages.withLock { $0 = [] }
        let result = start()
        let messages = startupMessages.withLock { messages in
            defer { messages = nil }
            return messages ?? []
        }
        guard let result else { throw onFailure(messages) }
        for message in messages { logger.warning("libmicrohttpd: " + message) }
        return result
    }
}
