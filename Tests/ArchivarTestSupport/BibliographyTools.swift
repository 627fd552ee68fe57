import Foundation

/// The real programs that read an exported bibliography, run on a file in its own
/// directory: `bibtex` with the standard `plain` style, `biber --tool`, and pandoc's
/// citeproc (`scripts/install-deps.sh --test` installs them).
public enum BibliographyTools {
    /// What a program printed, stdout and stderr apart.
    public struct Run: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The warnings and errors `bibtex` prints when a document cites every entry of `bib`
    /// (`\nocite{*}`) with plain.bst: style warnings (`Warning--empty author in …`) and
    /// database errors alike.
    public static func bibtexComplaints(_ bib: URL) throws -> [String] {
        let directory = bib.deletingLastPathComponent()
        let name = bib.deletingPathExtension().lastPathComponent
        let aux = directory.appendingPathComponent("\(name)-cite-all.aux")
        try Data("\\relax\n\\citation{*}\n\\bibstyle{plain}\n\\bibdata{\(name)}\n".utf8).write(to: aux)
        let run = try self.run("bibtex", [aux.deletingPathExtension().lastPathComponent], in: directory)
        let complaints = run.stdout.split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("Warning--") || $0.contains("error message") || $0.hasPrefix("I was expecting") || $0.hasPrefix("I'm skipping") }
        return run.status > 1 && complaints.isEmpty ? ["bibtex failed (status \(run.status)): \(run.stdout)"] : complaints
    }

    /// The `WARN` and `ERROR` lines of `biber --tool` reading `bib`.
    public static func biberComplaints(_ bib: URL) throws -> [String] {
        let directory = bib.deletingLastPathComponent()
        let run = try self.run("biber", ["--tool", "--output-directory", directory.path,
                                         "--output-file", "biber-tool-output.bib", bib.lastPathComponent], in: directory)
        let complaints = (run.stdout + run.stderr).split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("WARN") || $0.hasPrefix("ERROR") }
        return run.status != 0 && complaints.isEmpty ? ["biber failed (status \(run.status)): \(run.stderr)"] : complaints
    }

    /// `pandoc --citeproc` on a German Markdown document that cites each of `keys`, with
    /// `bibliography` (CSL-JSON or BibTeX, told by its extension), as plain text.
    public static func citeproc(citing keys: [String], bibliography: URL) throws -> Run {
        let directory = bibliography.deletingLastPathComponent()
        let document = directory.appendingPathComponent("\(bibliography.lastPathComponent)-zitate.md")
        let text = "---\nlang: de-DE\n---\n\n" + keys.map { "Siehe [@\($0)].\n" }.joined(separator: "\n")
        try Data(text.utf8).write(to: document)
        return try run("pandoc", ["--citeproc", "--bibliography", bibliography.path, "--to", "plain", "--wrap", "none",
                                  document.path], in: directory)
    }

    /// Runs `/usr/bin/NAME ARGUMENTS` in `directory`; output goes to files, so no pipe can fill up.
    private static func run(_ name: String, _ arguments: [String], in directory: URL) throws -> Run {
        let program = URL(fileURLWithPath: "/usr/bin/\(name)")
        guard FileManager.default.isExecutableFile(atPath: program.path) else {
            throw ToolMissing(name: name)
        }
        let stdoutFile = directory.appendingPathComponent(".\(name)-\(UUID().uuidString.prefix(8)).out")
        let stderrFile = directory.appendingPathComponent(".\(name)-\(UUID().uuidString.prefix(8)).err")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "")
    }

    /// A program the tests need is not installed.
    public struct ToolMissing: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "/usr/bin/\(name) is missing: run scripts/install-deps.sh --test (make test does)" }
    }
}
