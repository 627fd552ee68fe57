import ArchivarCore
import ArchivarTestSupport
import Foundation

extension ArchivarSite {
    /// The site's catalog file.
    var databaseFile: URL { root.appendingPathComponent(".archivar/archivar.sqlite") }

    /// Every record in the site's catalog by id, read from the SQLite file itself (through
    /// Python's sqlite3 module) after the binary has finished.
    func storedRecords() throws -> [String: Record] {
        let rows = try query("SELECT json FROM records ORDER BY id")
        let records = try rows.map { try Record(json: JSONValue.parse(Data($0.utf8))) }
        return Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
    }

    /// The rows of `sql` against the site's catalog, first column, one string each.
    func query(_ sql: String) throws -> [String] {
        let script = "import sqlite3, sys\nfor row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print(row[0])"
        let result = try runTool("/usr/bin/env", ["python3", "-c", script, databaseFile.path, sql])
        guard result.status == 0 else { throw ArchivarError(path: databaseFile.path, "python3 sqlite3: \(result.output)") }
        return result.output.split(separator: "\n").map(String.init)
    }
}
