/// New records enter the full-text index once per transaction, not row by row.
///
/// An insert trigger would index each record in a statement of its own, and FTS5 writes its
/// pending terms out as a new segment at every statement savepoint: a harvest of thousands of
/// records would write thousands of tiny segments. Since migration 9 no trigger indexes new
/// rows. The catalog notes each new row's rowid in `temp.unindexed_records` (a table of the
/// writer connection only) and `indexAll` indexes them in one `INSERT … SELECT` just before
/// the transaction commits, so FTS5 builds a few large segments.
///
/// The update and delete triggers of migration 7 stay: they send FTS5 a 'delete' with the
/// row's old text, which corrupts an external-content index for a row it never indexed. So
/// before the catalog updates or deletes a record, `indexIfUnindexed` indexes the pending
/// rows when that record is one of them; the trigger then deletes terms that are there.
/// Records inserted and changed in the same transaction are rare (a merge into a record of
/// the same feed), the common case keeps its one bulk insert.
///
/// Being a table, the list takes part in the transaction: a rollback, to a savepoint or of
/// everything (including SQLite's own after a failed write), takes the rows and their notes
/// back together, so the list never names a row that is gone nor misses one that stayed.
/// Spec: https://sqlite.org/fts5.html#external_content_tables
enum DeferredIndexing {
    /// Creates the connection's (empty) list of rows not yet indexed.
    static func prepare(_ connection: Connection) throws {
        try connection.execute("CREATE TEMP TABLE IF NOT EXISTS unindexed_records(rowid INTEGER PRIMARY KEY)")
    }

    /// Notes the new row `rowid` of `records`, to be indexed before its transaction commits.
    static func add(_ rowid: Int64, _ connection: Connection) throws {
        try connection.run("INSERT OR IGNORE INTO temp.unindexed_records(rowid) VALUES (?1)", [.integer(rowid)])
    }

    /// Indexes the pending rows when the record `id` is one of them; call it before updating
    /// or deleting that record.
    static func indexIfUnindexed(_ id: String, _ connection: Connection) throws {
        let pending = try connection.integer("""
            SELECT 1 FROM temp.unindexed_records WHERE rowid = (SELECT rowid FROM records WHERE id = ?1)
            """, [.text(id)])
        if pending != nil { try indexAll(connection) }
    }

    /// Indexes every pending row, in rowid order (FTS5 starts a new segment when a rowid is
    /// smaller than the last one it took), and empties the list.
    static func indexAll(_ connection: Connection) throws {
        guard try connection.integer("SELECT 1 FROM temp.unindexed_records LIMIT 1") != nil else { return }
        try connection.run("""
            INSERT INTO records_fts(rowid, title, creators, abstract, body)
            SELECT r.rowid, r.title, r.creators, r.abstract, r.body
            FROM temp.unindexed_records u JOIN records r ON r.rowid = u.rowid ORDER BY u.rowid
            """)
        try connection.run("DELETE FROM temp.unindexed_records")
    }
}
