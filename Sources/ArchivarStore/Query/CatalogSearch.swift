import ArchivarCore
import Foundation

extension Catalog {
    /// Full-text search (SPEC §8): the query is parsed (`QueryParser`) and compiled
    /// (`QueryCompiler`), never passed to SQL raw. A query that could not be understood
    /// in full still finds what could be, with `message` saying what was wrong; an empty
    /// query, or one that only excludes, finds nothing and says so.
    ///
    /// One pass over the matches (`CatalogDigest`) gives the total, the facets and the
    /// page, ranked by `SearchRanking`, all from one snapshot of the catalog; the page's
    /// rows and snippets are read after it. A query that finds little gets a `SearchSuggestion`.
    public func search(_ query: SearchQuery) throws -> SearchResults {
        let parsed = QueryParser.parse(query.text)
        var results = SearchResults(query: query.text, total: 0, offset: query.offset, limit: query.limit, hits: [],
                                    message: parsed.message)
        // A bare year (`Präventionsketten 2024`) also finds the records of that year.
        guard let tree = parsed.tree?.withBareYears else { return results }
        // Filters every match must meet, alone or in an OR with words, are tested on the
        // digest; the rest goes to SQL.
        var conditions: [DigestCondition] = []
        let rest = QueryNode.conjunction(of: tree.conjuncts.filter { part in
            guard let condition = DigestCondition(part) else { return true }
            conditions.append(condition)
            return false
        })
        let compiled = rest.map(QueryCompiler.compile)
        let ranking = SearchRanking(compiled)
        return try withSearchReader { reader in
            let connection = reader.connection, digest = reader.digest
            try connection.execute("BEGIN")
            defer { try? connection.execute("COMMIT") }
            let keep = query.offset > Int.max - query.limit ? Int.max : query.offset + query.limit
            var pass = try digest.pass(over: compiled.map(ranking.matches), where: conditions, cached: compiled?.hasFixedShape ?? true,
                                       ranking: ranking, keep: keep, people: SearchFacets.valueLimit, in: connection)
            ranking.complete(&pass, records: digest.recordCount)
            results.total = pass.total
            results.facets = try SearchFacets(query: query.text, conjuncts: tree.conjuncts)
                .facets(from: pass.counts) { try digest.personLabel($0, in: connection) }
            let page = Array(pass.best.dropFirst(query.offset))
            // The snippets name the terms of a prefix, which FTS5 then need not merge again (`PrefixExpansion`).
            var snippetMatch = compiled?.match
            if let rest, rest.hasPrefix, !page.isEmpty {
                snippetMatch = QueryCompiler.compile(try reader.prefixes.expanding(rest, records: digest.recordCount, in: connection)).match
            }
            results.hits = try Self.hits(page, match: snippetMatch, hasPrefix: tree.hasPrefix, in: connection)
            let suggester = SearchSuggestion(connection: connection, vocabulary: reader.vocabulary) { text in
                guard let tree = QueryParser.parse(text).tree?.withBareYears else { return 0 }
                let scope = QueryCompiler.compile(tree).scope()
                var count = 0
                try Statement("SELECT count(*) " + scope.sql, connection: connection).run(scope.values) { count = $0.int(0) ?? 0 }
                return count
            }
            results.suggestion = try suggester.suggestion(for: query.text, tree: tree, total: results.total)
            return results
        }
    }

    /// Brings the digest of every idle reader up to date with the catalog, so that the first
    /// search after a change (this process's or another's, such as a harvest from cron) does
    /// not wait while it is built: about 250 ms a reader at 100,000 records. A reader that
    /// is searching meanwhile is skipped; it brings its own digest up to date as it searches.
    /// `archivar serve` calls this at start and every few seconds.
    public func prepareSearches() throws {
        try withEachIdleSearchReader { reader in
            try reader.connection.execute("BEGIN")
            defer { try? reader.connection.execute("COMMIT") }
            try reader.digest.refresh(from: reader.connection)
        }
    }

    /// The hits of `page` in its order, each with its snippet when the query has words (`match`).
    private static func hits(_ page: [CatalogDigest.Ranked], match: String?, hasPrefix: Bool, in connection: Connection) throws -> [SearchHit] {
        guard !page.isEmpty else { return [] }
        var hits: [Int: SearchHit] = [:]
        let list = Array(repeating: "?", count: page.count).joined(separator: ", ")
        // The number of rows varies, so the statement is prepared for this page only.
        try Statement("SELECT rowid, id, title, kind, type, year, creators, source FROM records WHERE rowid IN (\(list))",
                      connection: connection).run(page.map { .integer(Int64($0.rowid)) }) { row in
            let creators = (row.text(6) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            hits[row.int(0) ?? 0] = SearchHit(id: row.text(1) ?? "", title: row.text(2) ?? "", kind: row.text(3) ?? "",
                                              type: row.text(4) ?? "", year: row.int(5), creators: creators, source: row.text(7),
                                              snippet: "", highlights: [], score: 0)
        }
        let snippets = try match.map { try MarkedSnippet.best(for: page.map { Int64($0.rowid) }, match: $0, hasPrefix: hasPrefix,
                                                                  in: connection) } ?? [:]
        return page.compactMap { ranked in
            guard var hit = hits[ranked.rowid] else { return nil }
            hit.score = ranked.score
            if let snippet = snippets[Int64(ranked.rowid)] { (hit.snippet, hit.highlights) = snippet }
            return hit
        }
    }
}

/// The order of hits: BM25 (`RankFunction`) over the index columns weighted title and creators over
/// abstract over body, raised a little for newer records; equal scores newest first
/// (`sort_date`, then id). A query of filters only has no relevance: its hits are newest first.
/// Spec: https://sqlite.org/fts5.html#the_bm25_function
struct SearchRanking {
    /// BM25 weights of `records_fts`' columns, in their order.
    static let weights = (title: 10.0, creators: 10.0, abstract: 4.0, body: 1.0)
    /// A record of this year scores this fraction more; the boost falls linearly to nothing
    /// for records `recencyYears` old or older, and records without a year.
    static let recencyBoost = 0.1
    static let recencyYears = 20

    let ranked: Bool
    /// Whether the query is one phrase, whose IDF the pass applies after counting the
    /// matches (`RankFunction.withoutIDF`).
    private let deferredIDF: Bool
    /// The first year that still gets a boost.
    private let oldest = Calendar(identifier: .gregorian).component(.year, from: Date()) - Self.recencyYears

    /// The ranking of `compiled` (nil: a query of top-level filters only).
    init(_ compiled: CompiledQuery?) {
        ranked = compiled?.match != nil
        deferredIDF = compiled.map { $0.isOnePhrase && $0.conditions.isEmpty } ?? false
    }

    /// `SELECT` of each match's rowid and BM25 score (0 for filters only).
    func matches(_ compiled: CompiledQuery) -> SQLFragment {
        let scope = compiled.scope()
        guard ranked else { return SQLFragment(sql: "SELECT r.rowid, 0.0 " + scope.sql, values: scope.values) }
        let weights = Self.weights
        let rowid = compiled.conditions.isEmpty ? "records_fts.rowid" : "r.rowid"
        let idf = deferredIDF ? ", '\(RankFunction.withoutIDF)'" : ""
        return SQLFragment(sql: """
            SELECT \(rowid), \(RankFunction.name)(records_fts, \(weights.title), \(weights.creators), \(weights.abstract), \(weights.body)\(idf)) \
            \(scope.sql)
            """, values: scope.values)
    }

    /// Applies the IDF the pass left out (`deferredIDF`): one factor for every score, from
    /// the rows the phrase matched (`Pass.scanned`) among `records`.
    func complete(_ pass: inout CatalogDigest.Pass, records: Int) {
        guard deferredIDF else { return }
        let idf = RankFunction.inverseFrequency(rows: records, matching: pass.scanned)
        pass.best = pass.best.map { CatalogDigest.Ranked(rowid: $0.rowid, score: $0.score * idf, dateRank: $0.dateRank) }
    }

    /// The score of a match (higher is better): its BM25 (which FTS5 gives negated) raised
    /// for recency; 0 without relevance.
    func score(bm25: Double, year: Int) -> Double {
        guard ranked else { return 0 }
        let recency = min(1.0, max(0.0, Double(year - oldest) / Double(Self.recencyYears)))
        return -bm25 * (1.0 + Self.recencyBoost * recency)
    }
}

extension CompiledQuery {
    /// Whether statements over `scope()` always read the same (text only: one `MATCH ?`);
    /// queries with filters vary in shape, so theirs are not worth keeping.
    var hasFixedShape: Bool { conditions.isEmpty }
}

extension Connection {
    /// Runs `sql` as `run(_:_:row:)` does, from the statement cache when `cached`, else
    /// prepared for this run only.
    func run(_ sql: String, _ values: [SQLValue], cached: Bool, row: (Row) throws -> Void) throws {
        if cached {
            try run(sql, values, row: row)
        } else {
            try Statement(sql, connection: self).run(values, row: row)
        }
    }
}
