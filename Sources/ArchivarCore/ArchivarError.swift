/// The one error type users see: what went wrong, where (file or URL, and line or key),
/// and in which stage. Printed as `stage: file:line: message`.
public struct ArchivarError: Error, CustomStringConvertible, Sendable {
    /// The plugin or stage that failed, when known.
    public var stage: String?
    /// The file, URL or source id concerned.
    public var path: String?
    /// A line (`line 12`) or a key (`key "pipeline"`) inside `path`.
    public var location: String?
    /// What went wrong and why, in one sentence.
    public var message: String

    public init(stage: String? = nil, path: String? = nil, location: String? = nil, _ message: String) {
        self.stage = stage
        self.path = path
        self.location = location
        self.message = message
    }

    /// Wraps any error, keeping an `ArchivarError`'s own details.
    public static func wrapping(_ error: Error, stage: String? = nil, path: String? = nil) -> ArchivarError {
        if var known = error as? ArchivarError {
            known.stage = known.stage ?? stage
            known.path = known.path ?? path
            return known
        }
        return ArchivarError(stage: stage, path: path, String(describing: error))
    }

    public var description: String {
        var prefix = ""
        if let stage { prefix += "[\(stage)] " }
        if let path { prefix += path + (location.map { ":\($0)" } ?? "") + ": " }
        else if let location { prefix += location + ": " }
        return prefix + message
    }
}

/// Something wrong in an input that did not stop the work: reported, not thrown. By
/// default the item it concerns was left out; a `note` concerns an item that was kept.
public struct Problem: Sendable, CustomStringConvertible, Hashable {
    public var line: Int?
    public var message: String
    /// True when the item was kept all the same (an encoding guessed, a value kept as
    /// text): a remark for the reader of a report, not a rejection.
    public var itemKept = false

    public init(line: Int? = nil, _ message: String) {
        self.line = line
        self.message = message
    }

    /// A remark on an item that was kept all the same.
    public static func note(line: Int? = nil, _ message: String) -> Problem {
        var note = Problem(line: line, message)
        note.itemKept = true
        return note
    }
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
