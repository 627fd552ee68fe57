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
        // 4: the librarian's hand: records removed (with the duplicate keys and origins that must
        //    not bring them back; an id may be removed again after a re-add, so removals have
        //    numbers of their own), and fields edited (kept over what harvests deliver).
        """
        CREATE TABLE removed_records (
            removal INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            removed_at TEXT NOT NULL,
            json TEXT NOT NULL
        );
        CREATE INDEX removed_records_by_id ON removed_records(id);
        CREATE TABLE removed_keys (
            key TEXT PRIMARY KEY,
            removal INTEGER NOT NULL REFERENCES removed_records(removal) ON DELETE CASCADE
        );
        CREATE INDEX removed_keys_by_removal ON removed_keys(removal);
        CREATE TABLE removed_origins (
            source TEXT NOT NULL,
            item_id TEXT NOT NULL,
            removal INTEGER NOT NULL REFERENCES removed_records(removal) ON DELETE CASCADE,
            PRIMARY KEY (source, item_id)
        );
        CREATE INDEX removed_origins_by_removal ON removed_origins(removal);
        CREATE TABLE record_edits (
            record_id TEXT PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
            fields TEXT NOT NULL
        );
        """,
        // 5: merges: which rule joined which records, and what unmerge needs to take them apart
        //    again (the absorbed record as last delivered, the origins that delivered it, the
        //    survivor's own version); pairs a librarian declared not the same.
        """
        CREATE TABLE merges (
            id INTEGER PRIMARY KEY,
            survivor TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
            absorbed TEXT NOT NULL UNIQUE,
            rule TEXT NOT NULL,
            absorbed_json TEXT NOT NULL,
            merged_at REAL NOT NULL
        );
        CREATE INDEX merges_by_survivor ON merges(survivor);
        CREATE INDEX merges_by_absorbed ON merges(absorbed);
        CREATE TABLE merge_origins (
            merge_id INTEGER NOT NULL REFERENCES merges(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            item_id TEXT NOT NULL,
            PRIMARY KEY (source, item_id)
        );
        CREATE INDEX merge_origins_by_merge ON merge_origins(merge_id);
        CREATE TABLE merge_survivors (
            id TEXT PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
            own_json TEXT NOT NULL
        );
        CREATE TABLE merge_vetoes (
            first TEXT NOT NULL,
            second TEXT NOT NULL,
            PRIMARY KEY (first, second)
        );
        """,
        // 6: the full-text index with the German analysis (tokenizer `archivar_german`), and
        // which analysis built it. The triggers of migration 1 carry on. The new index is
        // filled by `SearchAnalysis.rebuildIndexIfOutdated` right after the migrations.
        """
        DROP TABLE records_fts;
        CREATE VIRTUAL TABLE records_fts USING fts5(
            title, creators, body,
            content='records', content_rowid='rowid',
            tokenize='archivar_german'
        );
        CREATE TABLE search_analysis (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            identity TEXT NOT NULL
        );
        """,
        // 7: search results (issue 5): the abstract (summary, abstract, keywords) gets a column
        //    of its own, so ranking can weigh it between title/creators and body; the people of
        //    each record by `PersonKey`, for the author facet and `author:"…"`; which version of
        //    those derived fields the rows hold. `SearchFields.refreshIfOutdated` then derives
        //    the fields of existing records and fills the new (empty) index.
        """
        DROP TRIGGER records_fts_insert;
        DROP TRIGGER records_fts_delete;
        DROP TRIGGER records_fts_update;
        DROP TABLE records_fts;
        ALTER TABLE records ADD COLUMN abstract TEXT NOT NULL DEFAULT '';
        CREATE VIRTUAL TABLE records_fts USING fts5(
            title, creators, abstract, body,
            content='records', content_rowid='rowid',
            tokenize='archivar_german'
        );
        CREATE TRIGGER records_fts_insert AFTER INSERT ON records BEGIN
            INSERT INTO records_fts(rowid, title, creators, abstract, body)
                VALUES (new.rowid, new.title, new.creators, new.abstract, new.body);
        END;
        CREATE TRIGGER records_fts_delete AFTER DELETE ON records BEGIN
            INSERT INTO records_fts(records_fts, rowid, title, creators, abstract, body)
                VALUES ('delete', old.rowid, old.title, old.creators, old.abstract, old.body);
        END;
        CREATE TRIGGER records_fts_update AFTER UPDATE OF title, creators, abstract, body ON records BEGIN
            INSERT INTO records_fts(records_fts, rowid, title, creators, abstract, body)
                VALUES ('delete', old.rowid, old.title, old.creators, old.abstract, old.body);
            INSERT INTO records_fts(rowid, title, creators, abstract, body)
                VALUES (new.rowid, new.title, new.creators, new.abstract, new.body);
        END;
        CREATE TABLE record_people (
            record INTEGER NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (record, key)
        ) WITHOUT ROWID;
        CREATE INDEX record_people_by_key ON record_people(key);
        CREATE TABLE search_fields (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        """,
        // 8: what `FacetIndex` reads of every record, in an index of its own, so building it
        //    does not read the (large) rows.
        """
        CREATE INDEX records_by_facets ON records(type, year, source, kind);
        """,
        // 9: new records are indexed by the catalog, all of a transaction's in one statement
        //    before it commits (`DeferredIndexing`), no longer one by one by a trigger. The
        //    update and delete triggers stay.
        """
        DROP TRIGGER records_fts_insert;
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
