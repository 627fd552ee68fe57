import Foundation

/// A byte buffer each thread keeps for the next job, so that work done item by item (wrapping
/// a fragment for the HTML parser, writing sanitized markup) does not allocate and free a
/// buffer of a few kilobytes every time: buffers that size bypass the allocator's per-thread
/// cache, and one freed on another thread costs a lock.
final class ScratchBuffer: @unchecked Sendable {
    // @unchecked: the key is made once; each thread's buffer is only touched by that thread.
    private let key: pthread_key_t

    init() {
        var key = pthread_key_t()
        pthread_key_create(&key) { box in
            box.map { Unmanaged<Box>.fromOpaque($0).release() }
        }
        self.key = key
    }

    /// Calls `body` with this thread's buffer, empty (its capacity kept from earlier jobs).
    /// A job started inside `body` on the same thread gets a buffer of its own.
    func withBuffer<T>(_ body: (inout [UInt8]) throws -> T) rethrows -> T {
        let box: Box
        if let existing = pthread_getspecific(key) {
            box = Unmanaged<Box>.fromOpaque(existing).takeUnretainedValue()
        } else {
            box = Box()
            pthread_setspecific(key, Unmanaged.passRetained(box).toOpaque())
        }
        var buffer = box.bytes.take() ?? []
        defer {
            // A buffer grown by one huge job is not kept.
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
            box.bytes = buffer
        }
        return try body(&buffer)
    }

    private final class Box {
        var bytes: [UInt8]? = []
    }
}
