import ArchivarCore
import Foundation

extension CommandHelp {
    static let importFiles = CommandHelp(
        name: "import", usage: "import [--plugin NAME] FILE…",
        summary: "Import bibliography files into the catalog: BibTeX, RIS, CSL-JSON or German citation lines, "
            + "told apart by their content. Each file is one transaction; duplicates merge into the stored record. "
            + "Reports per file what was added, merged, changed and rejected, and notes on entries imported all the same; "
            + "exits 1 when anything was rejected.",
        options: [("--plugin NAME", "read every FILE with this ingest plugin (bibtex, ris, csl-json, citations)")],
        valued: ["plugin"])
}

extension Commands {
    /// `import [--plugin NAME] FILE…`: each file through its plugin and the transforms into
    /// the catalog, one transaction per file, with a report per file.
    func importFiles(_ arguments: Arguments) async throws -> Int32 {
        guard !arguments.positional.isEmpty else { throw UsageError("import needs at least one FILE") }
        if let name = arguments.value("plugin") {
            _ = try workspace.registry.plugin(name, role: "ingest", for: "--plugin")
        }
        let catalog = try workspace.openCatalog()
        let pipeline = try workspace.pipeline(catalog)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        let showsProgress = isatty(STDERR_FILENO) == 1
        var clean = true
        for path in arguments.positional {
            let file = cwd.resolving(path)
            do {
                let plugin = try arguments.value("plugin") ?? Self.importPlugin(for: file)
                let report = try await pipeline.importFile(file, plugin: plugin) { entries in
                    if showsProgress, entries.isMultiple(of: 200) { ImportProgress.show(path, entries: entries) }
                }
                if showsProgress { ImportProgress.clear() }
                print(ImportReportText(report).text)
                clean = clean && report.rejected.isEmpty
            } catch {
                if showsProgress { ImportProgress.clear() }
                FileHandle.standardError.write(Data("archivar: \(ArchivarError.wrapping(error, path: path)) (nothing of this file was imported)\n".utf8))
                clean = false
            }
        }
        return clean ? 0 : 1
    }

    /// The plugin for a file by its content; XML is refused.
    private static func importPlugin(for file: URL) throws -> String {
        let plugin = try ContentSniffer.filePlugin(at: file)
        guard plugin != "rss" else {
            throw ArchivarError(path: file.relativeDescription,
                                "holds XML, which import does not read; it reads BibTeX, RIS, CSL-JSON and citation lines "
                                    + "(a feed is harvested as a source: see feeds/)")
        }
        return plugin
    }
}

/// The progress line `import` keeps on a terminal's stderr.
enum ImportProgress {
    static func show(_ file: String, entries: Int) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(file): \(entries) entries read".utf8))
    }

    static func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// The report `import` prints for one file.
struct ImportReportText {
    let report: ImportReport

    init(_ report: ImportReport) { self.report = report }

    var text: String {
        var lines = ["\(report.file) (\(report.plugin)): \(report.added.count) added, \(report.merged.count) merged, "
            + "\(report.changed.count) changed, \(report.unchanged.count) unchanged, \(report.rejected.count) rejected"
            + (report.skipped.isEmpty ? "" : ", \(report.skipped.count) skipped")
            + (report.notes.isEmpty ? "" : ", \(report.notes.count) \(report.notes.count == 1 ? "note" : "notes")")]
        if !report.added.isEmpty { lines += Self.wrapped("added:", report.added) }
        for merge in report.merged {
            lines.append("  merged: \(merge.absorbed) → \(merge.survivor) (\(merge.rule))")
        }
        if !report.changed.isEmpty { lines += Self.wrapped("changed:", report.changed) }
        if !report.skipped.isEmpty {
            lines.append("  skipped:")
            lines += report.skipped.map { "    \($0)" }
        }
        if !report.rejected.isEmpty {
            lines.append("  rejected:")
            lines += report.rejected.map { "    \($0)" }
        }
        if !report.notes.isEmpty {
            lines.append("  notes (imported all the same):")
            lines += report.notes.map { "    \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// `label` and the ids, comma-separated, wrapped at about 100 columns.
    private static func wrapped(_ label: String, _ ids: [String]) -> [String] {
        var rows: [[String]] = [[]]
        var width = 0
        for id in ids {
            if width + id.count > 90, !rows[rows.count - 1].isEmpty {
                rows.append([])
                width = 0
            }
            rows[rows.count - 1].append(id)
            width += id.count + 2
        }
        return rows.enumerated().map { index, row in
            (index == 0 ? "  \(label) " : "    ") + row.joined(separator: ", ") + (index < rows.count - 1 ? "," : "")
        }
    }
}
