/// A piece of SQL with its `?` placeholders' values, in order.
struct SQLFragment {
    var sql: String
    var values: [SQLValue] = []

    /// `parts` joined by `separator` (in parentheses when more than one).
    static func joined(_ parts: [SQLFragment], by separator: String) -> SQLFragment {
        guard parts.count != 1 else { return parts[0] }
        return SQLFragment(sql: "(" + parts.map(\.sql).joined(separator: separator) + ")",
                           values: parts.flatMap(\.values))
    }
}

/// A query tree compiled for SQLite: an FTS5 expression for `records_fts MATCH` (ranked by
/// bm25) and conditions on `records r`, together meaning AND. Every user text is a bound
/// value; the SQL around it comes from this file only.
/// Spec: https://sqlite.org/fts5.html#full_text_query_syntax
struct CompiledQuery {
    /// The FTS5 expression; nil when the query has filters only (`year:2019 type:book`).
    let match: String?
    /// Conditions on `records r`, each one parameterised.
    let conditions: [SQLFragment]
    /// Whether `match` is one FTS5 phrase (one word, phrase or prefix, nothing else).
    var isOnePhrase = false

    /// `FROM … WHERE …` selecting the matching records: from `records_fts` alone when there
    /// is only a `match`, else from `records r` (joined to `records_fts` when there is a
    /// `match`). The count, the facets and the ranking share it (`SearchRanking.matches`).
    func scope() -> SQLFragment {
        guard let match else {
            let conditions = SQLFragment.joined(conditions, by: " AND ")
            return SQLFragment(sql: "FROM records r WHERE " + conditions.sql, values: conditions.values)
        }
        if conditions.isEmpty {
            return SQLFragment(sql: "FROM records_fts WHERE records_fts MATCH ?", values: [.text(match)])
        }
        var scope = SQLFragment(sql: "FROM records_fts JOIN records r ON r.rowid = records_fts.rowid WHERE records_fts MATCH ?",
                                values: [.text(match)])
        for condition in conditions {
            scope.sql += " AND " + condition.sql
            scope.values += condition.values
        }
        return scope
    }
}

/// Turns a `QueryNode` into a `CompiledQuery`.
///
/// Text goes into one FTS5 expression wherever FTS5 can say it: every user term is an
/// FTS5 string (`"…"`, inner quotes doubled), so no character in it is ever an FTS5
/// operator; `NOT` always has a positive left operand, as FTS5 requires. What FTS5
/// cannot say (an exclusion with no positive text beside it, an OR mixing text and
/// filters) becomes SQL over `rowid IN (SELECT rowid FROM records_fts WHERE … MATCH ?)`.
enum QueryCompiler {
    static func compile(_ tree: QueryNode) -> CompiledQuery {
        let part = compile(node: tree)
        let isOnePhrase = if case .text = tree { part.conditions.isEmpty } else { false }
        return CompiledQuery(match: part.match, conditions: part.conditions, isOnePhrase: isOnePhrase)
    }

    /// What a subtree requires: its FTS5 expression and its SQL conditions, both at once.
    private struct Part {
        var match: String?
        var conditions: [SQLFragment] = []

        /// The whole part as one SQL condition on `r`.
        var condition: SQLFragment {
            var pieces = conditions
            if let match {
                pieces.insert(SQLFragment(sql: "r.rowid IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)",
                                          values: [.text(match)]), at: 0)
            }
            return pieces.isEmpty ? SQLFragment(sql: "1") : SQLFragment.joined(pieces, by: " AND ")
        }
    }

    private static func compile(node: QueryNode) -> Part {
        switch node {
        case .text(let text):
            if let person = PersonFilter(text) { return Part(conditions: [person.condition(orMatching: expression(text))]) }
            return Part(match: expression(text))
        case .filter(let filter):
            return Part(conditions: [condition(filter)])
        case .not(let excluded):
            return Part(conditions: [negated(compile(node: excluded))])
        case .all(let parts):
            return compileAll(parts)
        case .any(let parts):
            let branches = parts.map(compile(node:))
            let textOnly = branches.compactMap { $0.conditions.isEmpty ? $0.match : nil }
            if textOnly.count == branches.count {
                return Part(match: "(" + textOnly.joined(separator: " OR ") + ")")
            }
            return Part(conditions: [SQLFragment.joined(branches.map(\.condition), by: " OR ")])
        }
    }

    /// AND: positive texts in one FTS5 expression, excluded texts after its `NOT`, the rest as SQL.
    private static func compileAll(_ parts: [QueryNode]) -> Part {
        var matches: [String] = []
        var excluded: [String] = []
        var conditions: [SQLFragment] = []
        for node in parts {
            if case .not(let inner) = node {
                let part = compile(node: inner)
                if let match = part.match, part.conditions.isEmpty {
                    excluded.append(match)
                } else {
                    conditions.append(negated(part))
                }
            } else {
                let part = compile(node: node)
                if let match = part.match { matches.append(match) }
                conditions += part.conditions
            }
        }
        let exclusion = excluded.isEmpty ? nil : "(" + excluded.joined(separator: " OR ") + ")"
        guard !matches.isEmpty else {
            // Nothing positive for FTS5's NOT to stand on: exclude in SQL.
            if let exclusion { conditions.append(negated(Part(match: exclusion))) }
            return Part(match: nil, conditions: conditions)
        }
        var match = "(" + matches.joined(separator: " AND ") + ")"
        if let exclusion { match += " NOT " + exclusion }
        return Part(match: match, conditions: conditions)
    }

    private static func negated(_ part: Part) -> SQLFragment {
        let condition = part.condition
        return SQLFragment(sql: "NOT (" + condition.sql + ")", values: condition.values)
    }

    /// One user term as an FTS5 string, with its column filter and prefix star; a prefix
    /// with `indexTerms` as the OR of those terms, each marked for the tokenizer to take as
    /// it is (`GermanAnalyzer.indexTermMarker`), which no user text may be.
    static func expression(_ text: QueryText) -> String {
        let column = text.field.map { $0.column + " : " } ?? ""
        if let terms = text.indexTerms {
            return "(" + terms.map { column + string(indexTermMarker + $0) }.joined(separator: " OR ") + ")"
        }
        // The marker separates words as any control character does: a space in its place
        // finds the same.
        let written = text.text.hasPrefix(indexTermMarker) ? " " + text.text.dropFirst() : text.text
        return column + string(written) + (text.isPrefix ? " *" : "")
    }

    private static let indexTermMarker = String(UnicodeScalar(GermanAnalyzer.indexTermMarker))

    /// `text` as an FTS5 string: in double quotes, inner ones doubled.
    private static func string(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A filter as a condition that is never NULL, so `NOT` of it is exact
    /// (`-year:2019` keeps records without a year).
    private static func condition(_ filter: QueryFilter) -> SQLFragment {
        switch filter {
        case .equals(let column, let value):
            let expression = switch column {
            case .type: "r.type"
            case .kind: "r.kind"
            case .source: "ifnull(r.source, '')"
            }
            return SQLFragment(sql: expression + " = ? COLLATE NOCASE", values: [.text(value)])
        case .years(let from?, let through?):
            return SQLFragment(sql: "(r.year IS NOT NULL AND r.year BETWEEN ? AND ?)",
                               values: [.integer(Int64(from)), .integer(Int64(through))])
        case .years(let from?, nil):
            return SQLFragment(sql: "(r.year IS NOT NULL AND r.year >= ?)", values: [.integer(Int64(from))])
        case .years(nil, let through?):
            return SQLFragment(sql: "(r.year IS NOT NULL AND r.year <= ?)", values: [.integer(Int64(through))])
        case .years(nil, nil):
            return SQLFragment(sql: "r.year IS NOT NULL")
        }
    }
}
