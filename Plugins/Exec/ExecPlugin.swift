import ArchivarCore
import Foundation

/// The `exec` ingest plugin: runs a program in any language that prints one CSL-JSON
/// record per line on stdout (JSON Lines, the format `archivar inspect` prints).
/// Its stderr goes to the log; a time limit stops it; a non-zero exit fails the source.
public enum ExecPlugin {
    /// The plugins this module registers.
    public static let plugins: [Plugin] = [
        .ingest("exec", summary: "any executable printing CSL-JSON records as JSON Lines on stdout") { context in
            let settings = try ExecSettings(context.source)
            let program = try ExecProgram.check(context.location)
            let command = ExternalCommand(executable: program, arguments: settings.arguments,
                                          workingDirectory: program.deletingLastPathComponent(), timeout: settings.timeout)
            let sourceID = context.source.id
            let logger = context.logger
            let outcome = try await command.run(errorLine: { logger.info("\(sourceID): \($0)") }) { line, number in
                switch RecordLine.read(line) {
                case .record(let record): try await context.emit(record)
                case .problem(let reason): context.report(Problem(line: number, reason))
                case .blank: break
                }
            }
            try ExecProgram.check(outcome, of: program, timeout: settings.timeoutText)
        },
    ]
}

/// The source-file keys the plugin reads beside `url`.
struct ExecSettings {
    /// Without a `timeout` key.
    static let defaultTimeout = "5m"

    var arguments: [String]
    var timeout: TimeInterval
    /// The limit as written, for messages.
    var timeoutText: String

    init(_ source: SourceDefinition) throws {
        let reader = JSONFieldReader(object: source.settings, path: source.file)
        arguments = try reader.stringArray("arguments") ?? []
        timeoutText = try reader.string("timeout") ?? Self.defaultTimeout
        guard let seconds = IntervalText.seconds(timeoutText) else {
            throw ArchivarError(path: source.file, location: "key \"timeout\"", "\"\(timeoutText)\" is not a duration such as 30s, 5m or 1h")
        }
        timeout = seconds
    }
}

/// What is checked before and after running the program.
enum ExecProgram {
    /// The program file: it must exist and be executable.
    static func check(_ location: URL) throws -> URL {
        guard location.isFileURL else {
            throw ArchivarError(stage: "exec", path: location.absoluteString, "exec runs a local program: url must be a file path")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: location.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ArchivarError(stage: "exec", path: location.relativeDescription, "no such program: the file does not exist")
        }
        guard FileManager.default.isExecutableFile(atPath: location.path) else {
            throw ArchivarError(stage: "exec", path: location.relativeDescription, "is not executable (chmod +x it, with a #! line)")
        }
        return location
    }

    /// Fails the source when the program ran out of time or did not exit with 0.
    static func check(_ outcome: ExternalCommand.Outcome, of program: URL, timeout: String) throws {
        let tail = outcome.errorTail.isEmpty ? "" : "; last lines on stderr:\n" + outcome.errorTail.joined(separator: "\n")
        if outcome.timedOut {
            throw ArchivarError(stage: "exec", path: program.relativeDescription, "did not finish within \(timeout) and was stopped\(tail)")
        }
        if outcome.signaled {
            throw ArchivarError(stage: "exec", path: program.relativeDescription, "was killed by signal \(outcome.status)\(tail)")
        }
        if outcome.status != 0 {
            throw ArchivarError(stage: "exec", path: program.relativeDescription, "exited with status \(outcome.status)\(tail)")
        }
    }
}
