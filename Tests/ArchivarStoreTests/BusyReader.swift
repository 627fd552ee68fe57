@testable import ArchivarStore
import Foundation

/// Runs `body` while another thread holds one of `catalog`'s readers, as a long search would.
func whileAReaderIsBusy<T>(in catalog: Catalog, _ body: () throws -> T) rethrows -> T {
    let busy = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    Thread {
        _ = try? catalog.withReader { _ in
            busy.signal()
            release.wait()
        }
    }.start()
    busy.wait()
    defer { release.signal() }
    return try body()
}
