import ArchivarCore
import Foundation

/// JSON Lines on stdout, one record a line as canonical JSON (what `inspect` prints),
/// written in blocks of about 64 KB rather than a system call a line. `flush()` writes the rest.
final class JSONLinesOutput: @unchecked Sendable {
    // @unchecked: `buffer` is only touched under `lock`.
    private let lock = NSLock()
    private var buffer: [UInt8] = []
    private static let blockSize = 64 * 1024

    init() {
        buffer.reserveCapacity(Self.blockSize + 16 * 1024)
    }

    /// Adds `record` as a line; writes the block when it is full.
    func write(_ record: Record) {
        lock.withLock {
            record.writeJSON(to: &buffer)
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= Self.blockSize { writeBuffer() }
        }
    }

    /// Writes what is buffered.
    func flush() {
        lock.withLock { writeBuffer() }
    }

    private func writeBuffer() {
        guard !buffer.isEmpty else { return }
        // A closed pipe (`| head`) ends the output, not the command.
        try? FileHandle.standardOutput.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
