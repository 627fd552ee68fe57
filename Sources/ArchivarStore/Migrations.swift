/// The numbered schema migrations, applied in order at start; `PRAGMA user_version`
/// holds the number of the last one applied. Never edit a released migration: add one.
enum Migrations {
    static let all: [String] = [
        // 1: records, duplicate keys, origins, source state, full-text index.
        """
        CREATE TABLE records (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            type TEXT NOT NULL,
            source TEXT,
            category TEXT,
            year INTEGER,
            sort_date TEXT NOT NULL,
            hash TEXT NOT NULL,
            json TEXT NOT NULL,
            title TEXT NOT NULL,
            creators TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX records_by_date ON records(sort_date DESC, id);
        CREATE TABLE record_keys (
            key TEXT PRIMARY KEY,
            record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE
        );
        CREATE INDEX record_keys_by_record ON record_keys(record_id);
        CREATE TABLE origins (
            source TEXT NOT NULL,
            item_id TEXT NOT NULL,
            record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (source, item_id)
        );
        CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            last_attempt REAL,
            last_success REAL,
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            next_due REAL,
            item_count INTEGER NOT NULL DEFAULT 0
        );
        CREATE VIRTUAL TABLE records_fts USING fts5(
            title, creators, body,
            content='records', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN
            INSERT INTO records_fts(rowid, title, creators, body) VALUES (new.rowid, new.title, new.creators, new.body);
        END;
        CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
            INSERT INTO records_fts(records_fts, rowid, title, creators, body)
                VALUES ('delete', old.rowid, old.title, old.creators, old.body);
        END;
        CREATE TRIGGER records_fts_update AFTER UPDATE ON records BEGIN
            INSERT INTO records_fts(records_fts, rowid, title, creators, body)
                VALUES ('delete', old.rowid, old.title, old.creators, old.body);
            INSERT INTO records_fts(rowid, title, creators, body) VALUES (new.rowid, new.title, new.creators, new.body);
        END;
        """,
        // 2: permanent redirects, sources disabled by 410 Gone, incremental-harvest cursors.
        """
        ALTER TABLE sources ADD COLUMN permanent_url TEXT;
        ALTER TABLE sources ADD COLUMN disabled_reason TEXT;
        ALTER TABLE sources ADD COLUMN cursor TEXT;
        """,
        // 3: the url a permanent redirect moved away from (an edited url is read again).
        """
        ALTER TABLE sources ADD COLUMN redirected_from TEXT;
        """,
        // 4: records a librarian removed, and the keys and origins that must not bring them back.
        """
        CREATE TABLE removed_records (
            id TEXT PRIMARY KEY,
            removed_at TEXT NOT NULL,
            json TEXT NOT NULL
        );
        CREATE TABLE removed_keys (
            key TEXT PRIMARY KEY,
            record_id TEXT NOT NULL REFERENCES removed_records(id) ON DELETE CASCADE
        );
        """,
        // 5: merges (which rule joined which records, with what to restore on unmerge).
        """
        CREATE TABLE merges (
            rowid INTEGER PRIMARY KEY,
            survivor TEXT NOT NULL,
            absorbed TEXT NOT NULL,
            rule TEXT NOT NULL,
            survivor_before TEXT,
            absorbed_json TEXT NOT NULL,
            merged_at TEXT NOT NULL
        );
        CREATE INDEX merges_by_survivor ON merges(survivor);
        CREATE TABLE merge_vetoes (
            first TEXT NOT NULL,
            second TEXT NOT NULL,
            PRIMARY KEY (first, second)
        );
        """,
    ]

    /// Applies every migration newer than the database's `user_version`, each in a
    /// transaction of its own.
    static func apply(to connection: Connection) throws {
        let current = try connection.integer("PRAGMA user_version") ?? 0
        guard current <= all.count else {
            throw SQLiteError(code: 0, message: "the database was written by a newer Archivar (schema \(current), this one knows \(all.count))", sql: nil)
        }
        for (index, sql) in all.enumerated().dropFirst(current) {
            try connection.execute("BEGIN IMMEDIATE")
            do {
                try connection.execute(sql)
                try connection.execute("PRAGMA user_version = \(index + 1)")
                try connection.execute("COMMIT")
            } catch {
                try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }
}
