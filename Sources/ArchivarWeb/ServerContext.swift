import ArchivarCore
import Synchronization

/// What libmicrohttpd's callbacks reach through their `cls` pointer: the router, the
/// logger, the count of requests in flight (for a graceful stop) and the daemon's
/// messages while it starts (for a clear error when it cannot).
final class ServerContext: Sendable {
    let router: Router
    let logger: Logger
    /// Requests received and not yet completed.
    let inFlight = Atomic<Int>(0)
    /// Non-nil while the daemon starts: its messages are collected instead of logged.
    private let startupMessages = Mutex<[String]?>(nil)

    init(router: Router, logger: Logger) {
        self.router = router
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
