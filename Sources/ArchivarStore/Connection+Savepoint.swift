extension Connection {
    /// Runs `body` in a savepoint named `name`: inside an open transaction it is part of
    /// it, on its own it is all or nothing. When `body` throws, everything it wrote is
    /// rolled back and the error is thrown on.
    /// Spec: https://sqlite.org/lang_savepoint.html
    func savepoint<T>(_ name: String, _ body: () throws -> T) throws -> T {
        // Prepared once per name (the statement cache): a harvest opens one per record.
        try run("SAVEPOINT \(name)")
        do {
            let result = try body()
            try run("RELEASE \(name)")
            return result
        } catch {
            try? execute("ROLLBACK TO \(name); RELEASE \(name)")
            throw error
        }
    }
}
