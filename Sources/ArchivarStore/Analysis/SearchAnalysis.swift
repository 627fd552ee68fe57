/// Which analysis the full-text index was built with, stored in the database
/// (`search_analysis`, migration 6). FTS5 deletes an external-content row by tokenizing its
/// old text again, so the index is only sound while every token comes out as it did when it
/// was written: when the analysis or the word list changes, the index is rebuilt on start.
enum SearchAnalysis {
    /// Bump when a change in `Analysis/` changes the tokens any text yields.
    static let version = 1

    /// The analysis this build uses: tokenizer, version and the word list on disk.
    static var identity: String {
        "\(GermanTokenizer.name) \(version); \(Lexicon.fingerprint(of: Lexicon.wordList))"
    }

    /// Rebuilds `records_fts` from `records` when it was built with another analysis (or
    /// never: migration 6 leaves it empty), in one transaction, and records the identity.
    /// Spec: https://sqlite.org/fts5.html#the_rebuild_command
    static func rebuildIndexIfOutdated(_ connection: Connection) throws {
        let current = identity
        let storedSQL = "SELECT identity FROM search_analysis WHERE id = 1"
        guard try connection.text(storedSQL) != current else { return }
        try connection.execute("BEGIN IMMEDIATE")
        do {
            // Another process may have rebuilt it while this one waited for the lock.
            if try connection.text(storedSQL) != current {
                try connection.execute("INSERT INTO records_fts(records_fts) VALUES ('rebuild')")
                try connection.run("INSERT OR REPLACE INTO search_analysis(id, identity) VALUES (1, ?1)", [.text(current)])
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
