import ArchivarCore
import Foundation

extension Catalog {
    /// Full-text search (SPEC §8): the query is parsed (`QueryParser`) and compiled
    /// (`QueryCompiler`), never passed to SQL raw. A query that could not be understood
    /// in full still finds what could be, with `message` saying what was wrong; an empty
    /// query, or one that only excludes, finds nothing and says so.
    public func search(_ query: SearchQuery) throws -> SearchResults {
        let parsed = QueryParser.parse(query.text)
        guard let tree = parsed.tree else {
            return SearchResults(query: query.text, total: 0, offset: query.offset, hits: [], message: parsed.message)
        }
        let compiled = QueryCompiler.compile(tree)
        let ranked = compiled.match != nil
        let scope = compiled.scope()
        let columns = ranked
            ? "snippet(records_fts, -1, ?, ?, '…', 24), bm25(records_fts, 10.0, 5.0, 1.0) AS score"
            : "'', 0.0 AS score"
        let order = ranked ? "score, r.sort_date DESC, r.id" : "r.sort_date DESC, r.id"
        let markers: [SQLValue] = ranked ? [.text(SnippetMarker.open), .text(SnippetMarker.close)] : []
        let count = compiled.scope(needsRecords: false)
        return try withReader { connection in
            // Text-only queries have two fixed statements, worth caching; queries with
            // filters vary in shape, so theirs are prepared per search and not kept.
            let run = { (sql: String, values: [SQLValue], row: (Row) throws -> Void) throws in
                if compiled.conditions.isEmpty {
                    try connection.run(sql, values, row: row)
                } else {
                    try Statement(sql, connection: connection).run(values, row: row)
                }
            }
            var total = 0
            try run("SELECT count(*) " + count.sql, count.values) { total = $0.int(0) ?? 0 }
            var hits: [SearchHit] = []
            try run("""
                SELECT r.id, r.title, r.kind, r.type, r.year, r.creators, r.source, \(columns)
                \(scope.sql)
                ORDER BY \(order)
                LIMIT ? OFFSET ?
                """, markers + scope.values + [.integer(Int64(query.limit)), .integer(Int64(query.offset))]) { row in
                let creators = (row.text(5) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                hits.append(SearchHit(
                    id: row.text(0) ?? "", title: row.text(1) ?? "", kind: row.text(2) ?? "", type: row.text(3) ?? "",
                    year: row.int(4), creators: creators, source: row.text(6), snippet: row.text(7) ?? "",
                    score: ranked ? -(row.double(8) ?? 0) : 0))
            }
            return SearchResults(query: query.text, total: total, offset: query.offset, hits: hits, message: parsed.message)
        }
    }
}
