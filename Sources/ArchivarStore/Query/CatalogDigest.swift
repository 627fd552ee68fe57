import ArchivarCore

/// What a search needs of every record besides its text, in memory, by rowid: the facet
/// values (type, year, source, kind, the people's keys) and the record's place in the
/// catalog's date order. A search then reads only rowids and BM25 scores from the
/// full-text index, in one pass, and counts, ranks and picks its page from this table;
/// only the page's rows are read from `records`. For a common word that is most of the
/// catalog, so this saves reading most rows.
///
/// Built from the covering indexes `records_by_facets` and `records_by_date` and from
/// `record_people` on first use, with every record's index length (`DocumentLengths`), and
/// again whenever the database changed since (`PRAGMA data_version`), inside the search's
/// read transaction, so it always shows the snapshot the search reads. About 44 bytes a record.
/// Spec: https://sqlite.org/pragma.html#pragma_data_version
final class CatalogDigest {
    /// The fields, in the order of `Entry.codes` and then the people.
    static let fields: [SearchFacetField] = [.type, .year, .source, .kind, .author]
    private static let author = 4
    /// The code of a missing value (no year, no source); a rowid without a record has
    /// `none` as its type code.
    private static let none = UInt32.max

    private struct Entry {
        /// Codes into `values[0 ..< 4]`: type, year, source, kind.
        var codes: (UInt32, UInt32, UInt32, UInt32) = (none, none, none, none)
        var year: Int32 = 0
        /// The position in `ORDER BY sort_date DESC, id`: smaller is newer.
        var dateRank: UInt32 = 0
        /// The record's people: `people[peopleStart ..< peopleStart + peopleCount]`.
        var peopleStart: UInt32 = 0
        var peopleCount: UInt32 = 0
    }

    /// One matching record as ranked: higher `score` first, then newer.
    struct Ranked {
        let rowid: Int
        let score: Double
        let dateRank: UInt32

        func precedes(_ other: Ranked) -> Bool {
            score != other.score ? score > other.score : dateRank < other.dateRank
        }
    }

    /// What one pass over the matches found.
    struct Pass {
        var total = 0
        /// The rows `matches` gave, before `filters`.
        var scanned = 0
        /// How many matches have each value, by field.
        var counts: [SearchFacetField: [String: Int]] = [:]
        /// The best `offset + limit` matches, best first.
        var best: [Ranked] = []
    }

    /// Every record's length in the index, read with the table, for `archivar_rank`.
    private let lengths: DocumentLengths

    init(lengths: DocumentLengths) {
        self.lengths = lengths
    }

    /// The `data_version` the table was built at; nil before the first build.
    private var version: Int?
    /// How many times the table was built (tests check that a prepared reader does not build).
    private(set) var builds = 0
    /// The distinct values of each of `fields`; a code is a position here.
    private var values: [[String]] = []
    /// Entries by rowid.
    private var entries: [Entry] = []
    /// The records in the catalog (entries with a type), as of the last build.
    private(set) var recordCount = 0
    /// The codes (into `values[author]`) of every record's people, end to end.
    private var people: [UInt32] = []
    /// People's labels by key (`personLabel`), read on first need since the last build.
    private var personLabels: [String: String] = [:]

    /// Reads `matches` (rows of rowid and BM25 score, see `SearchRanking`; nil: every
    /// record, unscored), keeping those that pass every one of `filters`, counting their
    /// facet values and keeping the best `keep` by `ranking`. Of the people only the
    /// `people` most frequent are counted in `Pass.counts` (ties: by key). Rebuilds the table
    /// first when the database changed.
    ///
    /// The conditions are tested here, on the table, rather than in SQL, which would look
    /// each match up in `records`: for a common word that is most of the time.
    func pass(over matches: SQLFragment?, where conditions: [DigestCondition], cached: Bool, ranking: SearchRanking,
              keep: Int, people limit: Int, in connection: Connection) throws -> Pass {
        try refresh(from: connection)
        let tests = try conditions.map { try test($0, in: connection) }
        let collected = try entries.withUnsafeBufferPointer { entries in
            try people.withUnsafeBufferPointer { people in
                var collector = Collector(entries: entries, people: people, tests: tests, ranking: ranking, keep: keep,
                                          valueCounts: values.map(\.count))
                if let matches {
                    try connection.run(matches.sql, matches.values, cached: cached) { row in
                        if let rowid = row.int(0) { collector.take(rowid, bm25: row.double(1) ?? 0) }
                    }
                } else {
                    for rowid in entries.indices { collector.take(rowid, bm25: 0) }
                }
                return collector
            }
        }
        var pass = Pass(total: collected.total, scanned: collected.scanned, best: collected.best)
        for (field, name) in Self.fields.enumerated() {
            let counts = collected.counts[collected.starts[field] ..< collected.starts[field + 1]]
            var codes = counts.indices.filter { counts[$0] > 0 }.map { $0 - counts.startIndex }
            if field == Self.author { codes = mostFrequent(codes, counts: counts, limit: limit) }
            pass.counts[name] = Dictionary(uniqueKeysWithValues: codes.map { (values[field][$0], counts[counts.startIndex + $0]) })
        }
        return pass
    }

    /// Builds the table again when the database changed since it was built (or it never
    /// was): about 250 ms at 100,000 records, which `Catalog.prepareSearches` spares a visitor.
    func refresh(from connection: Connection) throws {
        let current = try connection.integer("PRAGMA data_version")
        if current == nil || current != version {
            try build(from: connection)
            version = current
            builds += 1
        }
    }

    /// How facets show the person `key`: the spelling most of their records use
    /// (`PersonDirectory`'s choice), inverted; `key` itself when no record names them. Read
    /// once per key until the database changes: a common name stands in thousands of
    /// records, and each search lists up to 20 people. Call it after `pass`, in its transaction.
    func personLabel(_ key: String, in connection: Connection) throws -> String {
        if let label = personLabels[key] { return label }
        var spellings: [Name: Int] = [:]
        try connection.run("SELECT name, count(*) FROM record_people WHERE key = ?1 GROUP BY name", [.text(key)]) { row in
            if let name = SearchFields.storedName(row.text(0) ?? "") { spellings[name, default: 0] += row.int(1) ?? 0 }
        }
        let label = PersonDirectory.preferredSpelling(among: spellings)?.inverted ?? key
        personLabels[key] = label
        return label
    }

    /// The `limit` codes of `field` author with the highest counts, ties by value.
    private func mostFrequent(_ codes: [Int], counts: ArraySlice<Int>, limit: Int) -> [Int] {
        let names = values[Self.author]
        func precedes(_ first: Int, _ second: Int) -> Bool {
            let (a, b) = (counts[counts.startIndex + first], counts[counts.startIndex + second])
            return a != b ? a > b : names[first] < names[second]
        }
        var top: [Int] = []
        for code in codes where top.count < limit || precedes(code, top[top.count - 1]) {
            top.insert(code, at: top.firstIndex { precedes(code, $0) } ?? top.count)
            if top.count > limit { top.removeLast() }
        }
        return top
    }

    /// What one pass gathers, row by row: the total, the facet counts and the best rows.
    private struct Collector {
        let entries: UnsafeBufferPointer<Entry>
        let people: UnsafeBufferPointer<UInt32>
        let tests: [Test]
        let ranking: SearchRanking
        let keep: Int
        /// Where each field's counts start in `counts` (and, last, where they end).
        let starts: [Int]
        /// Every field's counts by code, field after field.
        var counts: [Int]
        var total = 0
        var scanned = 0
        /// The best rows so far, best first, at most `keep`.
        var best: [Ranked] = []

        init(entries: UnsafeBufferPointer<Entry>, people: UnsafeBufferPointer<UInt32>, tests: [Test], ranking: SearchRanking,
             keep: Int, valueCounts: [Int]) {
            self.entries = entries
            self.people = people
            self.tests = tests
            self.ranking = ranking
            self.keep = keep
            var starts = [0]
            for count in valueCounts { starts.append(starts[starts.count - 1] + count) }
            self.starts = starts
            counts = [Int](repeating: 0, count: starts[starts.count - 1])
            best.reserveCapacity(keep + 1)
        }

        mutating func take(_ rowid: Int, bm25: Double) {
            scanned += 1
            guard rowid >= 0, rowid < entries.count else { return }
            let entry = entries[rowid]
            guard entry.codes.0 != CatalogDigest.none, tests.allSatisfy({ $0.passes(entry, rowid: rowid) }) else { return }
            total += 1
            counts.withUnsafeMutableBufferPointer { counts in
                counts[starts[0] + Int(entry.codes.0)] += 1
                if entry.codes.1 != CatalogDigest.none { counts[starts[1] + Int(entry.codes.1)] += 1 }
                if entry.codes.2 != CatalogDigest.none { counts[starts[2] + Int(entry.codes.2)] += 1 }
                if entry.codes.3 != CatalogDigest.none { counts[starts[3] + Int(entry.codes.3)] += 1 }
                let author = starts[CatalogDigest.author]
                for index in Int(entry.peopleStart) ..< Int(entry.peopleStart + entry.peopleCount) {
                    counts[author + Int(people[index])] += 1
                }
            }
            let ranked = Ranked(rowid: rowid, score: ranking.score(bm25: bm25, year: Int(entry.year)), dateRank: entry.dateRank)
            if best.count == keep, let last = best.last, !ranked.precedes(last) { return }
            // Binary insertion: the list stays sorted and at most `keep` long.
            var low = 0, high = best.count
            while low < high {
                let middle = (low + high) / 2
                if best[middle].precedes(ranked) { low = middle + 1 } else { high = middle }
            }
            best.insert(ranked, at: low)
            if best.count > keep { best.removeLast() }
        }
    }

    /// A condition as a test of an entry: it passes when one of its filters does or its
    /// texts matched the record (`rows`).
    private struct Test {
        let filters: [FilterTest]
        /// By rowid: whether the texts of the condition match; nil when it has none.
        let rows: [Bool]?

        func passes(_ entry: Entry, rowid: Int) -> Bool {
            if let rows, rowid < rows.count, rows[rowid] { return true }
            return filters.contains { $0.passes(entry) }
        }
    }

    /// The test of `condition`; its texts' matches are read from the index now.
    private func test(_ condition: DigestCondition, in connection: Connection) throws -> Test {
        guard !condition.texts.isEmpty else { return Test(filters: condition.filters.map(test), rows: nil) }
        var rows = [Bool](repeating: false, count: entries.count)
        let match = "(" + condition.texts.map(QueryCompiler.expression).joined(separator: " OR ") + ")"
        try connection.run("SELECT rowid FROM records_fts WHERE records_fts MATCH ?", [.text(match)]) { row in
            if let rowid = row.int(0), rowid >= 0, rowid < rows.count { rows[rowid] = true }
        }
        return Test(filters: condition.filters.map(test), rows: rows)
    }

    /// A filter as a test of an entry: the codes of the values it accepts, or a year range.
    private struct FilterTest {
        /// The position in `Entry.codes`: type, year, source, kind.
        let field: Int
        /// Accepted codes of `field` (types, sources, kinds); nil for a year range.
        let accepted: [Bool]?
        /// Whether a record without a value passes (`source:""` for one without a source).
        var acceptsMissing = false
        var years: (low: Int32, high: Int32) = (0, 0)

        func passes(_ entry: Entry) -> Bool {
            let code = switch field {
            case 0: entry.codes.0
            case 1: entry.codes.1
            case 2: entry.codes.2
            default: entry.codes.3
            }
            guard code != CatalogDigest.none else { return acceptsMissing }
            guard let accepted else { return years.low <= entry.year && entry.year <= years.high }
            return accepted[Int(code)]
        }
    }

    /// The test of `filter`, as `QueryCompiler` would write it in SQL: values compared
    /// ignoring ASCII case (`COLLATE NOCASE`), a missing source equal to "", a record
    /// without a year in no range.
    private func test(_ filter: QueryFilter) -> FilterTest {
        switch filter {
        case .equals(let column, let wanted):
            let field = switch column {
            case .type: 0
            case .source: 2
            case .kind: 3
            }
            let folded = Self.asciiLowercased(wanted)
            return FilterTest(field: field, accepted: values[field].map { Self.asciiLowercased($0) == folded },
                        acceptsMissing: field == 2 && wanted.isEmpty)
        case .years(let from, let through):
            return FilterTest(field: 1, accepted: nil,
                        years: (Int32(clamping: from ?? Int(Int32.min)), Int32(clamping: through ?? Int(Int32.max))))
        }
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    private func build(from connection: Connection) throws {
        var codes = [[String: UInt32]](repeating: [:], count: Self.fields.count)
        var values = [[String]](repeating: [], count: Self.fields.count)
        func code(_ field: Int, _ value: String?) -> UInt32 {
            guard let value else { return Self.none }
            if let known = codes[field][value] { return known }
            let new = UInt32(values[field].count)
            values[field].append(value)
            codes[field][value] = new
            return new
        }
        var entries: [Entry] = []
        // Both read from covering indexes, not from the (large) rows.
        try connection.run("SELECT rowid, type, year, source, kind FROM records") { row in
            guard let rowid = row.int(0), rowid >= 0 else { return }
            if rowid >= entries.count { entries.append(contentsOf: repeatElement(Entry(), count: rowid + 1 - entries.count)) }
            let source = row.text(3)
            // The type code is never `none` for a record (the column is NOT NULL).
            entries[rowid].codes = (code(0, row.text(1) ?? ""), code(1, row.int(2).map(String.init)),
                                    code(2, source?.isEmpty == false ? source : nil), code(3, row.text(4) ?? ""))
            entries[rowid].year = Int32(clamping: row.int(2) ?? 0)
        }
        var rank: UInt32 = 0
        try connection.run("SELECT rowid FROM records ORDER BY sort_date DESC, id") { row in
            guard let rowid = row.int(0), rowid >= 0, rowid < entries.count else { return }
            entries[rowid].dateRank = rank
            rank += 1
        }
        var people: [UInt32] = []
        try connection.run("SELECT record, key FROM record_people ORDER BY record") { row in
            guard let rowid = row.int(0), rowid >= 0, rowid < entries.count else { return }
            if entries[rowid].peopleCount == 0 { entries[rowid].peopleStart = UInt32(people.count) }
            people.append(code(Self.author, row.text(1)))
            entries[rowid].peopleCount += 1
        }
        self.values = values
        self.entries = entries
        self.people = people
        personLabels = [:]
        recordCount = entries.count { $0.codes.0 != Self.none }
        try lengths.load(from: connection)
    }
}

/// A part of a query every match must meet that `CatalogDigest` tests in memory: one of
/// `filters` holds, or one of `texts` matches. A filter alone (`type:book`) is one; so is an
/// `OR` of filters and words (`2024 OR year:2024`, as a bare year reads).
struct DigestCondition {
    var filters: [QueryFilter]
    var texts: [QueryText] = []

    /// The condition `node` is, when it is a filter or an `OR` of filters and plain texts
    /// with at least one filter; nil otherwise (it goes to SQL).
    init?(_ node: QueryNode) {
        switch node {
        case .filter(let filter):
            filters = [filter]
        case .any(let parts):
            filters = []
            for part in parts {
                switch part {
                case .filter(let filter): filters.append(filter)
                case .text(let text) where PersonFilter(text) == nil: texts.append(text)
                default: return nil
                }
            }
            guard !filters.isEmpty else { return nil }
        default:
            return nil
        }
    }
}
