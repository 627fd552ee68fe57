import ArchivarCore
import ArchivarHTML
import CMicroHTTPD
import Foundation
import Synchronization

/// Where `archivar serve` listens and what it serves.
public struct WebOptions: Sendable {
    /// The address to bind: an IPv4 or IPv6 literal, or a host name such as `localhost`.
    public var host: String
    /// The TCP port; 0 picks any free port (see `WebServer.port`).
    public var port: UInt16
    /// The published archive (`archive/`), served as static files.
    public var archiveDirectory: URL

    /// Options with the defaults of SPEC §6: `127.0.0.1:8080`.
    public init(host: String = "127.0.0.1", port: UInt16 = 8080, archiveDirectory: URL) {
        self.host = host
        self.port = port
        self.archiveDirectory = archiveDirectory
    }
}

/// The HTTP server of `archivar serve`: libmicrohttpd with an internal polling thread
/// and a small worker pool, each request answered by `Router`.
/// Spec: SPEC.md §7; GNU libmicrohttpd manual.
public final class WebServer: Sendable {
    /// Worker threads: requests are short (a file or one indexed search).
    private static let threads: UInt32 = 4
    /// Seconds an idle connection is kept.
    private static let connectionTimeout: UInt32 = 30
    /// How long `stop()` waits for requests in flight.
    private static let drainTimeout = Duration.seconds(10)

    private let host: String
    private let requestedPort: UInt16
    /// What the server serves, for the start-up log line.
    private let serving: [String: String]
    private let context: ServerContext
    private let daemon = Mutex<RunningDaemon?>(nil)

    /// A server over the archive and the catalog; nothing listens until `start()`.
    public convenience init(options: WebOptions, catalog: any CatalogReader, layout: PageLayout, logger: Logger) {
        let router = Router(archiveDirectory: options.archiveDirectory, catalog: catalog, layout: layout, logger: logger)
        self.init(host: options.host, port: options.port, logger: logger, serving: ["archive": options.archiveDirectory.path],
                  respond: router.respond(to:))
    }

    /// A server whose every request is answered by `respond`, called on a worker thread
    /// (the tests' stand-in for partners' servers uses this).
    public init(host: String = "127.0.0.1", port: UInt16 = 0, logger: Logger, serving: [String: String] = [:],
                respond: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.host = host
        requestedPort = port
        self.serving = serving
        context = ServerContext(respond: respond, logger: logger)
    }

    deinit { stop() }

    /// The port the server listens on (the chosen one when started with port 0), or
    /// the configured port while stopped.
    public var port: UInt16 { daemon.withLock { $0?.port } ?? requestedPort }

    /// Binds and starts answering; does nothing when already running.
    /// - Throws: `ArchivarError` "cannot listen on HOST:PORT: …" when the address is
    ///   unknown or the port is taken.
    public func start() throws {
        try daemon.withLock { running in
            guard running == nil else { return }
            let address = try ListenAddress(host: host, port: requestedPort)
            var flags = MHD_USE_AUTO_INTERNAL_THREAD.rawValue | MHD_USE_ERROR_LOG.rawValue | MHD_USE_ITC.rawValue
            if address.isIPv6 { flags |= MHD_USE_IPv6.rawValue }
            let pointer = try context.collectingDaemonMessages {
                address.withSocketAddress { socketAddress in
                    archivar_mhd_start(flags, address.port, socketAddress, MHDCallbacks.access, MHDCallbacks.receivedTarget,
                                       MHDCallbacks.completed, MHDCallbacks.log,
                                       Unmanaged.passUnretained(context).toOpaque(), Self.threads, Self.connectionTimeout)
                }
            } onFailure: { messages in
                ArchivarError("cannot listen on \(address): \(messages.last ?? "libmicrohttpd did not start")")
            }
            let port = archivar_mhd_bound_port(pointer)
            running = RunningDaemon(pointer: pointer, port: port)
            context.logger.info("serving", serving.merging(["address": "http://\(address.hostDescription):\(port)/"]) { $1 })
        }
    }

    /// Stops accepting connections, lets requests in flight finish (up to a few
    /// seconds), then shuts the daemon down. Safe to call twice.
    public func stop() {
        guard let running = daemon.withLock({ running in
            defer { running = nil }
            return running
        }) else { return }
        let listener = MHD_quiesce_daemon(running.pointer)
        let deadline = ContinuousClock.now + Self.drainTimeout
        while context.inFlight.load(ordering: .acquiring) > 0, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        MHD_stop_daemon(running.pointer)
        // MHD leaves the quiesced listening socket to its caller, to close after the stop.
        if listener != MHD_INVALID_SOCKET { close(listener) }
        context.logger.info("stopped serving")
    }
}

/// A started daemon and the port it got.
private struct RunningDaemon: @unchecked Sendable {
    // @unchecked: the MHD_Daemon handle is only used by `WebServer.stop()` after it
    // was taken out of the mutex, and libmicrohttpd's quiesce/stop/info calls are
    // safe from any thread.
    let pointer: OpaquePointer
    let port: UInt16
}
