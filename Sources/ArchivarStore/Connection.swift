import CSQLite
import Foundation

/// One SQLite connection with its statement cache. Not thread-safe by itself:
/// `Catalog` confines each connection to a lock.
final class Connection {
    let handle: OpaquePointer
    private var statements: [String: Statement] = [:]

    init(file: URL, readOnly: Bool = false) throws {
        var handle: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(file.path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let handle { sqlite3_close_v2(handle) }
            throw SQLiteError(code: code, message: "cannot open \(file.path): \(message)", sql: nil)
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 10_000)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without results (schema, pragmas, BEGIN/COMMIT).
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError(code: code, message: text, sql: sql)
        }
    }

    /// Runs a cached prepared statement with `values`, calling `row` per result row.
    /// A statement that failed is evicted from the cache.
    func run(_ sql: String, _ values: [SQLValue] = [], row: (Row) throws -> Void = { _ in }) throws {
        let statement: Statement
        if let cached = statements[sql] {
            statement = cached
        } else {
            statement = try Statement(sql, connection: self)
            statements[sql] = statement
        }
        do {
            try statement.run(values, row: row)
        } catch let error as SQLiteError {
            statements[sql] = nil
            throw error
        }
    }

    /// The first column of the first row as an integer.
    func integer(_ sql: String, _ values: [SQLValue] = []) throws -> Int? {
        var result: Int?
        try run(sql, values) { row in if result == nil { result = row.int(0) } }
        return result
    }

    /// The first column of the first row as text.
    func text(_ sql: String, _ values: [SQLValue] = []) throws -> String? {
        var result: String?
        try run(sql, values) { row in if result == nil { result = row.text(0) } }
        return result
    }

    func error(code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
