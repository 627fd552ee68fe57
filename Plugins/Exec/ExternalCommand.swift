import ArchivarCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program for one harvest: hands its stdout on line by line while it runs,
/// its stderr to a logger, and stops it at a time limit. stdout and stderr are read on
/// threads of their own, so a program filling either pipe never blocks the other.
struct ExternalCommand {
    /// How a run ended.
    struct Outcome {
        /// The exit status, or the signal number when `signaled`.
        var status: Int32
        var signaled: Bool
        /// The time limit was reached and the program was stopped.
        var timedOut: Bool
        /// The last lines the program wrote to stderr.
        var errorTail: [String]
    }

    /// How many stderr lines an error message quotes.
    static let tailLength = 10

    var executable: URL
    var arguments: [String]
    var workingDirectory: URL
    var timeout: TimeInterval
    /// Between SIGTERM and SIGKILL when the time limit is reached.
    var gracePeriod: TimeInterval = 3

    /// Runs the program and calls `line` with each stdout line and its number; every
    /// stderr line goes to `errorLine`. When `line` throws, the program is stopped.
    func run(errorLine: @escaping @Sendable (String) -> Void,
             line: (Data, Int) async throws -> Void) async throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let exit = OneShot<(status: Int32, signaled: Bool)>()
        process.terminationHandler = { exit.set(($0.terminationStatus, $0.terminationReason == .uncaughtSignal)) }
        do {
            try process.run()
        } catch {
            throw ArchivarError(stage: "exec", path: executable.relativeDescription, "cannot be started: \(error.localizedDescription)")
        }
        let stopper = Stopper(processGroup: process.processIdentifier)
        stopper.schedule(after: timeout, grace: gracePeriod)
        let errorReader = StderrReader(errors.fileHandleForReading, errorLine: errorLine, keep: Self.tailLength)
        let chunks = ChunkReader(output.fileHandleForReading)
        do {
            var splitter = LineSplitter()
            var number = 0
            for await chunk in chunks.stream {
                for text in splitter.append(chunk) {
                    number += 1
                    try await line(text, number)
                }
                chunks.consumed()
            }
            if let last = splitter.finish() {
                number += 1
                try await line(last, number)
            }
        } catch {
            stopper.stopNow()
            chunks.cancel()
            throw error
        }
        let ended = await exit.value
        stopper.cancel()
        return Outcome(status: ended.status, signaled: ended.signaled, timedOut: stopper.fired, errorTail: await errorReader.tail())
    }
}

/// A value set once by one thread and awaited by a task (the exit status, the stderr tail).
private final class OneShot<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `stored` and `waiter` are guarded by `lock`.
    private let lock = NSLock()
    private var stored: Value?
    private var waiter: CheckedContinuation<Value, Never>?

    func set(_ newValue: Value) {
        let waiting = lock.withLock { () -> CheckedContinuation<Value, Never>? in
            stored = newValue
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(returning: newValue)
    }

    var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let ready = lock.withLock { () -> Value? in
                    if stored == nil { waiter = continuation }
                    return stored
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}

/// Stops the program's process group at the time limit: SIGTERM, then SIGKILL after a
/// grace period. Foundation's `Process` starts the program as the leader of a new
/// process group, so the signal reaches what it started too (`sleep` in a shell script).
private final class Stopper: @unchecked Sendable {
    // @unchecked: `timer` and `didFire` are guarded by `lock`.
    private let lock = NSLock()
    private let processGroup: pid_t
    private var timer: DispatchWorkItem?
    private var didFire = false

    init(processGroup: pid_t) { self.processGroup = processGroup }

    var fired: Bool { lock.withLock { didFire } }

    func schedule(after timeout: TimeInterval, grace: TimeInterval) {
        let work = DispatchWorkItem { [self] in
            lock.withLock { didFire = true }
            signal(SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in signal(SIGKILL) }
        }
        lock.withLock { timer = work }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: work)
    }

    /// Stops the program at once (the harvest gave up on it).
    func stopNow() {
        cancel()
        signal(SIGKILL)
    }

    func cancel() { lock.withLock { timer?.cancel() } }

    /// Signals the whole group; once it is gone this does nothing (ESRCH).
    private func signal(_ number: Int32) {
        kill(-processGroup, number)
    }
}

/// Reads stdout on a thread of its own into an async stream of chunks. It reads the next
/// chunk only when a few are waiting at most, so a fast program is slowed to the pace
/// of the harvest instead of filling memory.
private final class ChunkReader: @unchecked Sendable {
    // @unchecked: `room` and `cancelled` are guarded by `condition`; the stream is thread-safe.
    let stream: AsyncStream<Data>
    private let condition = NSCondition()
    /// How many more chunks may wait in the stream. (Not a DispatchSemaphore: libdispatch
    /// traps when one is released with a count below its initial value.)
    private var room = 8
    private var cancelled = false

    init(_ handle: FileHandle) {
        let (stream, continuation) = AsyncStream<Data>.makeStream()
        self.stream = stream
        let thread = Thread { [self] in
            while waitForRoom() {
                let chunk = handle.nextChunk()
                if chunk.isEmpty { break }
                continuation.yield(chunk)
            }
            continuation.finish()
        }
        thread.start()
    }

    /// The consumer is done with one chunk.
    func consumed() {
        condition.withLock { room += 1 }
        condition.signal()
    }

    /// The consumer stopped: let the thread end.
    func cancel() {
        condition.withLock { cancelled = true }
        condition.signal()
    }

    /// Blocks the reading thread until a chunk may be read; false once cancelled.
    private func waitForRoom() -> Bool {
        condition.withLock {
            while room == 0 && !cancelled { condition.wait() }
            room -= 1
            return !cancelled
        }
    }
}

/// Reads stderr line by line on a thread of its own, passes each line on, keeps the last few.
private final class StderrReader: Sendable {
    private let finalLines = OneShot<[String]>()

    init(_ handle: FileHandle, errorLine: @escaping @Sendable (String) -> Void, keep: Int) {
        let finalLines = self.finalLines
        Thread {
            var splitter = LineSplitter()
            var kept: [String] = []
            while true {
                let chunk = handle.nextChunk()
                let complete = chunk.isEmpty ? [splitter.finish()].compactMap { $0 } : splitter.append(chunk)
                for data in complete {
                    let text = String(decoding: data, as: UTF8.self)
                    errorLine(text)
                    kept = Array((kept + [text]).suffix(keep))
                }
                if chunk.isEmpty { break }
            }
            finalLines.set(kept)
        }.start()
    }

    /// The last lines, once stderr is closed.
    func tail() async -> [String] { await finalLines.value }
}

extension FileHandle {
    /// The next bytes from a pipe; empty at the end (or on a read error). A read
    /// interrupted by a signal is retried (`availableData` traps on EINTR).
    fileprivate func nextChunk() -> Data {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = Glibc.read(fileDescriptor, &buffer, buffer.count)
            if count >= 0 { return Data(buffer[..<count]) }
            if errno != EINTR { return Data() }
        }
    }
}
