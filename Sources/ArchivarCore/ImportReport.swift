import Foundation

/// What `archivar import` did with one file: every record the plugin read is in exactly
/// one of the lists, every entry it could not take is in `rejected`, and remarks on
/// entries that were stored all the same are in `notes`.
public struct ImportReport: Sendable {
    /// The file as given.
    public var file: String
    /// The ingest plugin that read it.
    public var plugin: String
    /// Ids of the records the file added.
    public var added: [String] = []
    /// Records merged into a stored one: incoming id → survivor, by which rule.
    public var merged: [MergeEntry] = []
    /// Ids of stored records the file changed (an earlier import of it, edited since).
    public var changed: [String] = []
    /// Ids of stored records the file delivered again without a change.
    public var unchanged: [String] = []
    /// Entries not imported, with line (where the plugin knows it) and reason.
    public var rejected: [Problem] = []
    /// Remarks on entries that were imported all the same (an encoding guessed, a value
    /// kept as text, a line left out of a record), with line where the plugin knows it.
    public var notes: [Problem] = []
    /// Entries left out because a librarian removed the record they would bring back.
    public var skipped: [String] = []

    /// An empty report for `file`, read by `plugin`.
    public init(file: String, plugin: String) {
        self.file = file
        self.plugin = plugin
    }

    /// Counts a stored record in its list.
    mutating func count(_ result: StoreResult) {
        if let merge = result.merge {
            merged.append(merge)
            return
        }
        switch result.outcome {
        case .inserted: added.append(result.id)
        case .updated: changed.append(result.id)
        case .unchanged: unchanged.append(result.id)
        }
    }
}

/// An `ImportReport` filled from the plugin's callbacks.
final class ImportTally: @unchecked Sendable {
    // @unchecked: `report` and `entries` are only touched under `lock`.
    private let lock = NSLock()
    private var report: ImportReport
    private var entries = 0

    init(_ report: ImportReport) { self.report = report }

    /// Numbers the next entry the plugin delivered (1, 2, …).
    func nextEntry() -> Int { lock.withLock { entries += 1; return entries } }

    func count(_ result: StoreResult) { lock.withLock { report.count(result) } }

    /// Files a plugin's or transform's problem: a note when the entry was kept, else a rejection.
    func report(_ problem: Problem) {
        lock.withLock {
            if problem.itemKept { report.notes.append(problem) } else { report.rejected.append(problem) }
        }
    }

    func skip(_ note: String) { lock.withLock { report.skipped.append(note) } }

    var snapshot: ImportReport { lock.withLock { report } }
}
