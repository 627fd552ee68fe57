import Foundation

/// A fresh directory under the system's temp folder, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    // @unchecked: `url` is immutable.
    public let url: URL

    public init(_ name: String = "archivar-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the directory.
    public func file(_ path: String) -> URL { url.appendingPathComponent(path) }

    /// Writes `text` to `path` inside the directory, creating folders.
    @discardableResult
    public func write(_ text: String, to path: String) throws -> URL {
        let target = file(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
        return target
    }

    /// Writes `text` to `path` as an executable (mode 755), through a descriptor no child
    /// process inherits (`O_CLOEXEC`). Tests run in parallel, and a program another test
    /// starts while this file is open for writing would otherwise keep it open, so that
    /// starting this file fails with "text file busy" (ETXTBSY) for as long as it runs.
    @discardableResult
    public func writeExecutable(_ text: String, to path: String) throws -> URL {
        let target = file(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(target.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Foundation.write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return target
    }
}

/// Paths inside the repository, for tests that use the bundled samples.
public enum Repository {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// A bundled sample under `feeds/samples/`.
    public static func sample(_ name: String) -> URL {
        root.appendingPathComponent("feeds/samples").appendingPathComponent(name)
    }
}

/// Runs a helper program (jing, python3) and returns its status and combined output.
public func runTool(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
