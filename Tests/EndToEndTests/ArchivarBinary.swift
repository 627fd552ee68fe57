import ArchivarTestSupport
import Foundation
import Testing

/// Runs the built `archivar` binary in a site directory made from the bundled samples.
struct ArchivarSite {
    let directory: TemporaryDirectory
    var root: URL { directory.url }

    /// The binary `swift build` made (`make test` builds it first).
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["ARCHIVAR_BINARY"] { return URL(fileURLWithPath: path) }
        return Repository.root.appendingPathComponent(".build/debug/archivar")
    }()

    /// A site with the bundled sources and samples and an `archivar.json`.
    init() throws {
        directory = try TemporaryDirectory("archivar-e2e")
        let fileManager = FileManager.default
        try fileManager.copyItem(at: Repository.root.appendingPathComponent("feeds"), to: directory.file("feeds"))
        try directory.write(#"{ "title": "IKPE Publikationsarchiv", "baseURL": "http://127.0.0.1:8080/" }"#, to: "archivar.json")
        #expect(fileManager.isExecutableFile(atPath: Self.binary.path),
                "\(Self.binary.path) is missing: run `swift build` first (make test does)")
    }

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `archivar ARGUMENTS` in the site directory and waits for it.
    @discardableResult
    func run(_ arguments: String...) throws -> Outcome {
        let process = try start(arguments)
        process.process.waitUntilExit()
        return process.outcome()
    }

    /// Runs `archivar ARGUMENTS` with `input`, when given, on its standard input (as a pipe
    /// from `echo` would give it); else standard input is empty.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil) throws -> Outcome {
        let process = try RunningProcess(binary: Self.binary, arguments: arguments, directory: root, input: input)
        process.process.waitUntilExit()
        return process.outcome()
    }

    /// Starts `archivar ARGUMENTS` without waiting.
    func start(_ arguments: [String]) throws -> RunningProcess {
        try RunningProcess(binary: Self.binary, arguments: arguments, directory: root)
    }
}

/// A started process whose output goes to files (no pipe can fill up and block it).
final class RunningProcess {
    let process = Process()
    private let stdoutFile: URL
    private let stderrFile: URL

    /// Starts the process; its standard input is `input` when given, else empty.
    init(binary: URL, arguments: [String], directory: URL, input: String? = nil) throws {
        let id = UUID().uuidString.prefix(8)
        stdoutFile = directory.appendingPathComponent(".out-\(id)")
        stderrFile = directory.appendingPathComponent(".err-\(id)")
        try Data().write(to: stdoutFile)
        try Data().write(to: stderrFile)
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        if let input {
            let inputFile = directory.appendingPathComponent(".in-\(id)")
            try Data(input.utf8).write(to: inputFile)
            process.standardInput = try FileHandle(forReadingFrom: inputFile)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
    }

    var stdout: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    func outcome() -> ArchivarSite.Outcome {
        ArchivarSite.Outcome(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Waits until stdout contains `text` (or the process ends, or `seconds` pass).
    func waitForOutput(containing text: String, seconds: Double = 20) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if stdout.contains(text) { return true }
            if !process.isRunning { return stdout.contains(text) }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
