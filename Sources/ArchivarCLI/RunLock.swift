import ArchivarCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock file in the state directory, so that cron's harvest and a
/// running `serve` never write at the same time. Released when the process ends.
final class RunLock {
    private let descriptor: Int32

    /// Takes the lock, or returns nil when another process holds it.
    init?(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("harvest.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ArchivarError(path: path, "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
