
/// An SQLite failure: the result code, SQLite's message and the SQL that failed.
/// Bound values are never included, so records and secrets stay out of logs.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The (extended) result code, e.g. `SQLITE_CONSTRAINT` = 19.
    public let code: Int32
    public let message: String
    public let sql: String?

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " (in: \($0.prefix(200)))" } ?? "")
    }
}
