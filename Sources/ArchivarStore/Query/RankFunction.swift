import CSQLite
import Foundation

/// The FTS5 auxiliary function `archivar_rank(records_fts, weight…[, 'without-idf'])`: the weighted BM25 of
/// FTS5's own `bm25()` (k1 = 1.2, b = 0.75, one IDF per phrase from the rows it matches, the
/// score negated so that smaller is better), computed with less work per row:
/// - the row's length (its tokens in all columns) comes from `DocumentLengths` in memory,
///   where `bm25()` reads the index's docsize table with a statement of its own per row;
/// - each phrase's frequency is summed over its position list (`xPhraseFirst`), where
///   `bm25()` first builds and sorts the row's instances of every phrase (`xInstCount`).
///
/// A search over a common word scores tens of thousands of rows, so this is most of its time.
/// The scores equal `bm25()`'s (`RankFunctionTests` compares them).
/// Spec: https://sqlite.org/fts5.html#custom_auxiliary_functions, https://sqlite.org/fts5.html#the_bm25_function
enum RankFunction {
    /// The name SQL calls it by.
    static let name = "archivar_rank"
    static let k1 = 1.2
    static let b = 0.75
    /// An argument after the weights: score every phrase with IDF 1. For a query of one
    /// phrase the IDF is the same for every row and changes no order; the caller multiplies
    /// by `inverseFrequency(rows:matching:)` once it has counted the matches itself. That
    /// spares FTS5 a second pass over all the phrase's rows (`xQueryPhrase`), which for a
    /// prefix means merging its terms once more.
    static let withoutIDF = "without-idf"

    /// BM25's IDF as FTS5 computes it: never below 1e-6, so a word in most rows still counts.
    static func inverseFrequency(rows: Int, matching: Int) -> Double {
        let idf = log((Double(rows) - Double(matching) + 0.5) / (Double(matching) + 0.5))
        return idf > 0 ? idf : 1e-6
    }

    /// Makes `archivar_rank` known to `connection`; rows' lengths are taken from `lengths`
    /// when it has them.
    static func register(on connection: Connection, lengths: DocumentLengths) throws {
        let api = try GermanTokenizer.fts5API(of: connection)
        guard let create = api.pointee.xCreateFunction else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "this SQLite's FTS5 cannot take auxiliary functions", sql: nil)
        }
        let context = Unmanaged.passRetained(lengths).toOpaque()
        let code = create(api, name, context, rank, releaseLengths)
        guard code == SQLITE_OK else {
            Unmanaged<DocumentLengths>.fromOpaque(context).release() // FTS5 keeps nothing when it fails
            throw connection.error(code: code, sql: nil)
        }
    }
}

/// How many tokens each record has in the full-text index (all columns), by rowid, as
/// `records_fts_docsize` says; filled by `CatalogDigest` for the snapshot a search reads.
/// Read by `archivar_rank` on the same connection, under the same lock.
final class DocumentLengths {
    /// Lengths by rowid; -1 where unknown (then `archivar_rank` asks FTS5).
    var byRowid: [Int32] = []

    /// Reads every row's length. The docsize row is one varint per column
    /// (SQLite's variable-length integer: 7 bits a byte, high bit set while more follow).
    /// Spec: https://sqlite.org/fileformat2.html#varint
    func load(from connection: Connection) throws {
        var lengths: [Int32] = []
        try connection.run("SELECT id, sz FROM records_fts_docsize") { row in
            guard let rowid = row.int(0), rowid >= 0, let blob = row.blob(1) else { return }
            if rowid >= lengths.count { lengths.append(contentsOf: repeatElement(-1, count: rowid + 1 - lengths.count)) }
            var total = 0
            var value = 0
            for byte in blob {
                value = value << 7 | Int(byte & 0x7f)
                if byte & 0x80 == 0 {
                    total += value
                    value = 0
                }
            }
            lengths[rowid] = Int32(clamping: total)
        }
        byRowid = lengths
    }
}

/// What `archivar_rank` works out once per query: the columns' weights, each phrase's IDF
/// and the average row length, with the rows' lengths as the query began. Kept by FTS5 as
/// the query's auxiliary data. Plain buffers, read per row without reference counting.
private final class QueryStatistics {
    let weights: UnsafeMutableBufferPointer<Double>
    let inverseFrequencies: UnsafeMutableBufferPointer<Double>
    let averageLength: Double
    /// A copy of `DocumentLengths.byRowid`.
    let lengths: UnsafeMutableBufferPointer<Int32>

    init(weights: [Double], inverseFrequencies: [Double], averageLength: Double, lengths: [Int32]) {
        self.weights = Self.copy(weights)
        self.inverseFrequencies = Self.copy(inverseFrequencies)
        self.averageLength = averageLength
        self.lengths = Self.copy(lengths)
    }

    deinit {
        weights.deallocate()
        inverseFrequencies.deallocate()
        lengths.deallocate()
    }

    private static func copy<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: values.count)
        _ = buffer.initialize(from: values)
        return buffer
    }

    /// FTS5's statistics: rows in the table, tokens in all of them, rows each phrase matches.
    static func of(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, weights: [Double], withIDF: Bool,
                   lengths: [Int32]) -> QueryStatistics? {
        var rows: Int64 = 0
        var tokens: Int64 = 0
        guard api.pointee.xRowCount(fts, &rows) == SQLITE_OK,
              api.pointee.xColumnTotalSize(fts, -1, &tokens) == SQLITE_OK else { return nil }
        var inverseFrequencies: [Double] = []
        for phrase in 0 ..< api.pointee.xPhraseCount(fts) {
            var hits: Int64 = 0
            guard withIDF else {
                inverseFrequencies.append(1)
                continue
            }
            guard api.pointee.xQueryPhrase(fts, phrase, &hits, countRow) == SQLITE_OK else { return nil }
            inverseFrequencies.append(RankFunction.inverseFrequency(rows: Int(rows), matching: Int(hits)))
        }
        return QueryStatistics(weights: weights, inverseFrequencies: inverseFrequencies,
                               averageLength: rows > 0 ? Double(tokens) / Double(rows) : 1, lengths: lengths)
    }

    /// The current row's score into `result`.
    func score(_ functions: Fts5ExtensionApi, _ fts: OpaquePointer, into result: OpaquePointer) {
        let rowid = Int(functions.xRowid(fts))
        var length = rowid >= 0 && rowid < lengths.count ? lengths[rowid] : -1
        if length < 0, functions.xColumnSize(fts, -1, &length) != SQLITE_OK {
            sqlite3_result_error(result, "archivar_rank: row length unavailable", -1)
            return
        }
        let k1 = RankFunction.k1, b = RankFunction.b
        let lengthNorm = k1 * (1 - b + b * Double(length) / averageLength)
        var score = 0.0
        for phrase in inverseFrequencies.indices {
            var iterator = Fts5PhraseIter()
            var column: Int32 = -1
            var offset: Int32 = 0
            var frequency = 0.0
            guard functions.xPhraseFirst(fts, Int32(phrase), &iterator, &column, &offset) == SQLITE_OK else { continue }
            while column >= 0 {
                frequency += Int(column) < weights.count ? weights[Int(column)] : 1.0
                functions.xPhraseNext(fts, &iterator, &column, &offset)
            }
            score += inverseFrequencies[phrase] * (frequency * (k1 + 1)) / (frequency + lengthNorm)
        }
        sqlite3_result_double(result, -score)
    }
}

/// `xQueryPhrase`'s callback: counts the rows the phrase matches.
private func countRow(_ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ count: UnsafeMutableRawPointer?) -> Int32 {
    count?.assumingMemoryBound(to: Int64.self).pointee += 1
    return SQLITE_OK
}

/// The auxiliary function itself (`fts5_extension_function`): the query's statistics on
/// its first row, then the row's score.
private func rank(
    _ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?,
    _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?
) {
    guard let api, let fts, let result else { return }
    let functions = api.pointee
    if let stored = functions.xGetAuxdata(fts, 0) {
        // FTS5 holds the statistics for the whole query: no retain needed per row.
        Unmanaged<QueryStatistics>.fromOpaque(stored)._withUnsafeGuaranteedRef { $0.score(functions, fts, into: result) }
        return
    }
    let columns = Int(functions.xColumnCount(fts))
    let weights = (0 ..< columns).map { column in
        column < Int(argumentCount) ? sqlite3_value_double(arguments?[column]) : 1.0
    }
    let withIDF = argumentCount <= columns
        || sqlite3_value_text(arguments?[columns]).map { String(cString: $0) } != RankFunction.withoutIDF
    guard let userData = functions.xUserData(fts),
          let statistics = QueryStatistics.of(api, fts, weights: weights, withIDF: withIDF,
                                              lengths: Unmanaged<DocumentLengths>.fromOpaque(userData).takeUnretainedValue().byRowid)
    else {
        sqlite3_result_error(result, "archivar_rank: FTS5 statistics unavailable", -1)
        return
    }
    guard functions.xSetAuxdata(fts, Unmanaged.passRetained(statistics).toOpaque(), releaseStatistics) == SQLITE_OK else {
        sqlite3_result_error_nomem(result) // FTS5 released the statistics already
        return
    }
    statistics.score(functions, fts, into: result)
}

private func releaseStatistics(_ statistics: UnsafeMutableRawPointer?) {
    guard let statistics else { return }
    Unmanaged<QueryStatistics>.fromOpaque(statistics).release()
}

private func releaseLengths(_ lengths: UnsafeMutableRawPointer?) {
    guard let lengths else { return }
    Unmanaged<DocumentLengths>.fromOpaque(lengths).release()
}
