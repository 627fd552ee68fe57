import Foundation

/// A librarian's removal of a record (`archivar remove`). The catalog keeps it, with the
/// record's duplicate keys and origins, so that a harvest or an import bringing the same
/// item or work back skips it instead of storing it again.
public struct RecordRemoval: Sendable, Equatable, CustomStringConvertible {
    /// The id the record had.
    public var id: String
    /// When it was removed.
    public var date: Date

    public init(id: String, date: Date) {
        self.id = id
        self.date = date
    }

    /// The day of the removal (UTC), as messages show it: `2026-11-21`.
    public var day: String { String(DateText.rfc3339(date).prefix(10)) }

    /// "removed by a librarian on 2026-11-21".
    public var description: String { "removed by a librarian on \(day)" }
}
