import CSQLite

extension Connection {
    /// Whether a transaction is open (SQLite is not in autocommit mode).
    /// Spec: https://sqlite.org/c3ref/get_autocommit.html
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }
}
