// search-latency: times `Catalog.search` in-process over a mixed query set (bench/README.md,
// "Search latency at 100,000 records"). Not part of `make test`; run by bench/search_latency.py.
//
//     search-latency DATABASE QUERIES [--repeat N] [--warmup N] [--limit N] [--json FILE]
//
// QUERIES holds one query a line as `class<TAB>query`; `#` starts a comment. Every query
// runs `--warmup` rounds untimed, then `--repeat` timed rounds; the order within a round
// is shuffled with a fixed seed, so that no query always follows the same one.

import ArchivarCore
import ArchivarStore
import Foundation

struct Options {
    var database: URL
    var queries: URL
    var rounds = 20
    var warmup = 2
    var limit = 20
    var json: URL?

    init(_ arguments: [String]) throws {
        var positional: [String] = []
        var values: [String: String] = [:]
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard argument.hasPrefix("--") else {
                positional.append(argument)
                continue
            }
            guard ["--repeat", "--warmup", "--limit", "--json"].contains(argument) else {
                throw UsageError("unknown option \(argument)")
            }
            guard let value = iterator.next() else { throw UsageError("\(argument) needs a value") }
            values[argument] = value
        }
        guard positional.count == 2 else { throw UsageError("need DATABASE and QUERIES") }
        database = URL(fileURLWithPath: positional[0])
        queries = URL(fileURLWithPath: positional[1])
        func number(_ name: String, minimum: Int) throws -> Int? {
            guard let text = values[name] else { return nil }
            guard let value = Int(text), value >= minimum else { throw UsageError("\(name) needs a number ≥ \(minimum)") }
            return value
        }
        rounds = try number("--repeat", minimum: 1) ?? rounds
        warmup = try number("--warmup", minimum: 0) ?? warmup
        limit = try number("--limit", minimum: 1) ?? limit
        json = values["--json"].map { URL(fileURLWithPath: $0) }
    }
}

struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

struct BenchQuery {
    let kind: String
    let text: String
}

func readQueries(_ file: URL) throws -> [BenchQuery] {
    let text = try String(contentsOf: file, encoding: .utf8)
    var queries: [BenchQuery] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
        let parts = line.split(separator: "\t", maxSplits: 1)
        guard parts.count == 2 else { throw UsageError("\(file.path) line \(number + 1): expected class<TAB>query") }
        queries.append(BenchQuery(kind: String(parts[0]), text: String(parts[1])))
    }
    guard !queries.isEmpty else { throw UsageError("\(file.path) holds no query") }
    return queries
}

/// Nearest-rank percentile of sorted `values` (milliseconds).
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
}

/// A small deterministic generator (SplitMix64), so every run shuffles the same way.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

struct Summary: Codable {
    let kind: String
    let samples: Int
    let p50: Double
    let p95: Double
    let p99: Double
    let max: Double
    let mean: Double

    init(kind: String, milliseconds: [Double]) {
        let sorted = milliseconds.sorted()
        self.kind = kind
        samples = sorted.count
        p50 = percentile(sorted, 50)
        p95 = percentile(sorted, 95)
        p99 = percentile(sorted, 99)
        max = sorted.last ?? 0
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    }
}

struct QueryReport: Codable {
    let kind: String
    let query: String
    let total: Int
    let p50: Double
    let max: Double
}

struct Report: Codable {
    let records: Int
    let openSeconds: Double
    /// The first search after opening: it may build caches the others reuse.
    let firstSearchMilliseconds: Double
    let overall: Summary
    let byClass: [Summary]
    let queries: [QueryReport]
}

func run() throws {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let queries = try readQueries(options.queries)
    let clock = ContinuousClock()
    let openStart = clock.now
    let catalog = try Catalog(file: options.database)
    let openSeconds = (clock.now - openStart).seconds
    let records = try catalog.recordCount()

    var samples = Array(repeating: [Double](), count: queries.count)
    var totals = Array(repeating: 0, count: queries.count)
    var generator = SplitMix(state: 20_261_121)
    var firstSearch: (query: String, milliseconds: Double)?
    for round in 0..<(options.warmup + options.rounds) {
        for index in Array(queries.indices).shuffled(using: &generator) {
            let query = SearchQuery(text: queries[index].text, limit: options.limit)
            let start = clock.now
            let results = try catalog.search(query)
            let elapsed = (clock.now - start).seconds * 1000
            totals[index] = results.total
            if firstSearch == nil { firstSearch = (query.text, elapsed) }
            if round >= options.warmup { samples[index].append(elapsed) }
        }
    }

    let kinds = queries.map(\.kind).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    let byClass = kinds.map { kind in
        Summary(kind: kind, milliseconds: queries.indices.filter { queries[$0].kind == kind }.flatMap { samples[$0] })
    }
    let overall = Summary(kind: "all", milliseconds: samples.flatMap { $0 })
    let perQuery = queries.indices.map { index in
        let sorted = samples[index].sorted()
        return QueryReport(kind: queries[index].kind, query: queries[index].text, total: totals[index],
                           p50: percentile(sorted, 50), max: sorted.last ?? 0)
    }
    let first = firstSearch ?? ("", 0)
    let report = Report(records: records, openSeconds: openSeconds, firstSearchMilliseconds: first.milliseconds,
                        overall: overall, byClass: byClass, queries: perQuery)

    print("records: \(records); catalog opened in \(format(openSeconds * 1000)) ms; first search (\(first.query)) "
          + "\(format(first.milliseconds)) ms; \(queries.count) queries × \(options.rounds) rounds "
          + "(after \(options.warmup) warm-up), limit \(options.limit)")
    print(pad("class", 14) + pad("samples", 9) + ["p50", "p95", "p99", "max", "mean"].map { pad($0 + " ms", 10) }.joined())
    for summary in byClass + [overall] {
        print(pad(summary.kind, 14) + pad("\(summary.samples)", 9)
              + [summary.p50, summary.p95, summary.p99, summary.max, summary.mean].map { pad(format($0), 10) }.joined())
    }
    print("slowest queries (p50):")
    for query in perQuery.sorted(by: { $0.p50 > $1.p50 }).prefix(8) {
        print("  \(pad(format(query.p50), 8)) ms  \(pad(query.kind, 12)) \(query.total) hits  \(query.query)")
    }
    if let json = options.json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(report).write(to: json)
    }
}

func format(_ value: Double) -> String { String(format: "%.2f", value) }

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

do {
    try run()
} catch let error as UsageError {
    FileHandle.standardError.write(Data("search-latency: \(error)\nusage: search-latency DATABASE QUERIES [--repeat N] [--warmup N] [--limit N] [--json FILE]\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("search-latency: \(error)\n".utf8))
    exit(1)
}
