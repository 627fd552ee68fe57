import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for SIGINT or SIGTERM (Ctrl-C, systemd stop) without blocking a thread.
enum SignalWaiter {
    static func waitForTermination() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let queue = DispatchQueue(label: "archivar.signals")
            let resumer = OnceResumer(continuation)
            var sources: [DispatchSourceSignal] = []
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
                source.setEventHandler { resumer.resume() }
                source.resume()
                sources.append(source)
            }
            resumer.keepAlive(sources)
        }
    }
}

/// Resumes a continuation once, keeping the signal sources alive until then.
private final class OnceResumer: @unchecked Sendable {
    // @unchecked: all state is touched under `lock`.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, Never>?
    private var sources: [DispatchSourceSignal] = []

    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }

    func keepAlive(_ sources: [DispatchSourceSignal]) { lock.withLock { self.sources = sources } }

    func resume() {
        let pending: CheckedContinuation<Void, Never>? = lock.withLock {
            defer {
                continuation = nil
                sources.forEach { $0.cancel() }
                sources = []
            }
            return continuation
        }
        pending?.resume()
    }
}
