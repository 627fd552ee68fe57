import CSQLite
import Foundation

/// A prepared statement: prepared in a throwing init, finalized in `deinit`, reset and
/// cleared before each reuse. Confined to its connection's lock.
final class Statement {
    private let handle: OpaquePointer
    let sql: String
    private unowned let connection: Connection

    init(_ sql: String, connection: Connection) throws {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v2(connection.handle, sql, -1, &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw connection.error(code: code, sql: sql)
        }
        self.handle = handle
        self.sql = sql
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds UTF-8 text as it lies in its string or array (SQLite copies it), up to its first
    /// NUL as a C string would end: no C string is made of a record's kilobytes of text.
    private static func bind(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int32, to handle: OpaquePointer) -> Int32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return archivar_sqlite3_bind_text(handle, position, "", 0) }
        let length = memchr(base, 0, bytes.count).map { $0 - UnsafeMutableRawPointer(mutating: base) } ?? bytes.count
        return base.withMemoryRebound(to: CChar.self, capacity: length) {
            archivar_sqlite3_bind_text(handle, position, $0, Int32(clamping: length))
        }
    }

    /// Binds `values` to ?1, ?2, … (after resetting), steps through every row and
    /// calls `row` for each. Bindings are cleared afterwards.
    func run(_ values: [SQLValue] = [], row: (Row) throws -> Void = { _ in }) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, position)
            case .integer(let number): code = sqlite3_bind_int64(handle, position, number)
            case .real(let number): code = sqlite3_bind_double(handle, position, number)
            case .text(let text):
                var text = text
                code = text.withUTF8 { Self.bind($0, at: position, to: handle) }
            case .utf8(let bytes): code = bytes.withUnsafeBufferPointer { Self.bind($0, at: position, to: handle) }
            }
            guard code == SQLITE_OK else { throw connection.error(code: code, sql: sql) }
        }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw connection.error(code: code, sql: sql) }
            try row(Row(handle: handle))
        }
    }
}

/// A value bound to or read from SQL.
enum SQLValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    /// Text given as its UTF-8 bytes (valid UTF-8), bound without making a `String` of it.
    case utf8([UInt8])

    init(_ text: String?) { self = text.map { .text($0) } ?? .null }
    init(_ number: Int?) { self = number.map { .integer(Int64($0)) } ?? .null }
    init(_ number: Double?) { self = number.map { .real($0) } ?? .null }
}

/// The current row of a statement; valid only inside the row callback.
struct Row {
    let handle: OpaquePointer

    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }

    func int(_ column: Int32) -> Int? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : Int(sqlite3_column_int64(handle, column))
    }

    func double(_ column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }

    /// The column's bytes, valid only inside the row callback; nil for NULL.
    func blob(_ column: Int32) -> UnsafeRawBufferPointer? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        let start = sqlite3_column_blob(handle, column) // before `_bytes`, as SQLite advises
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, column)))
    }
}
