import ArchivarCore
@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// Prefixes written as the OR of their index terms for the page's snippets
/// (`PrefixExpansion`) must find exactly what FTS5's prefix query finds, at the same
/// positions, so that a search shows the same hits with the same highlighted words; where
/// the OR would not pay, or cannot say the prefix, the prefix stays.
@Suite struct PrefixExpansionTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    /// Whole words, inflections, compounds (`Jugend` also as a part of
    /// `Landesjugendamt`), umlauts and their digraphs, hyphenated words and names, in
    /// titles, creators, abstracts and bodies; each column under 32 words, so every
    /// snippet is the whole column and cannot pick another passage.
    init() async throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
        let titles = [
            "Jugend in Thüringen", "Jugendhilfeplanung im Landkreis", "Das Landesjugendamt berichtet",
            "Präventionsketten und Prävention", "Praeventive Arbeit mit Jugendlichen", "Kinder- und Jugendhilfe-Planung",
            "Planungen der Jugendämter", "Thüringer Jugendarbeit", "Handbuch Kommunale Planung und Steuerung",
        ]
        let abstracts = [
            "Die Jugend und die Jugendarbeit im ländlichen Raum.", "Präventive Angebote für Familien in Thueringen.",
            "Ein Überblick über das Jugendamt und die Jugendhilfe.", "Nur Verwaltung und Haushalt.",
        ]
        let catalog = catalog
        try await catalog.transaction {
            for index in 0 ..< 36 {
                var record = Record(id: "r\(index)")
                record.type = index % 2 == 0 ? "report" : "book"
                record.title = titles[index % titles.count]
                record.authors = [index % 3 == 0 ? Name(family: "Hilse-Carstensen", given: "Tanja") : Name(family: "Jugendheim", given: "Eva")]
                record.abstract = index % 5 == 0 ? nil : abstracts[index % abstracts.count]
                record.content = "<p>" + titles[(index * 4 + 1) % titles.count] + ". " + abstracts[(index + 1) % abstracts.count] + "</p>"
                record.issued = IssuedDate(year: 2010 + index % 15)
                _ = try catalog.upsert(record, origin: RecordOrigin(source: "test", itemID: record.id))
            }
        }
    }

    /// The FTS5 expression of `query` as the pass uses it, and as the snippets do.
    private func expressions(_ query: String) throws -> (prefix: String, terms: String) {
        let tree = try #require(QueryParser.parse(query).tree)
        let prefix = try #require(QueryCompiler.compile(tree).match)
        let expanded = try catalog.withSearchReader { reader in
            try reader.connection.execute("BEGIN")
            defer { try? reader.connection.execute("COMMIT") }
            return try reader.prefixes.expanding(tree, records: 36, in: reader.connection)
        }
        #expect(expanded.texts.contains { $0.indexTerms != nil }, "\(query) kept its prefixes")
        return (prefix, try #require(QueryCompiler.compile(expanded).match))
    }

    /// Every matching row with each column highlighted (`[` `]`), by rowid.
    private func highlighted(_ match: String) throws -> [Int: [String]] {
        try catalog.withSearchReader { reader in
            var rows: [Int: [String]] = [:]
            try reader.connection.run("""
                SELECT rowid, highlight(records_fts, 0, '[', ']'), highlight(records_fts, 1, '[', ']'),
                       highlight(records_fts, 2, '[', ']'), highlight(records_fts, 3, '[', ']')
                FROM records_fts WHERE records_fts MATCH ?
                """, [.text(match)]) { row in
                rows[row.int(0) ?? -1] = (1 ... 4).map { row.text(Int32($0)) ?? "" }
            }
            return rows
        }
    }

    private func search(_ text: String) throws -> SearchResults {
        try catalog.search(SearchQuery(text: text, limit: 100, offset: 0))
    }

    /// The highlighted words of a hit, cut out of its snippet by UTF-16 offsets as a browser would.
    private static func highlightedWords(_ hit: SearchHit) -> [String] {
        let snippet = hit.snippet as NSString
        return hit.highlights.map { snippet.substring(with: NSRange(location: $0.start, length: $0.length)) }
    }

    static let queries = [
        "Jugend*", "Präv*", "Prae*", "Thür*", "Plan*", "title:Jugend*", "author:Jugend*", "Jugend* Thüringen",
        "Jugend* -Landesjugendamt", "Planung -Jugendamt*", "Jugend* OR Verwaltung", "(Jugend* OR Präv*) year:2015..",
        "Jugend* Präv*", "type:book Thür*",
    ]

    @Test(arguments: queries)
    func theTermsMatchTheRowsAndPositionsOfThePrefix(query: String) throws {
        let (prefix, terms) = try expressions(query)
        #expect(prefix != terms)
        let expected = try highlighted(prefix)
        #expect(!expected.isEmpty)
        #expect(try highlighted(terms) == expected)
    }

    @Test(arguments: queries)
    func aSearchShowsTheSameSnippetsAsWithThePrefix(query: String) throws {
        let results = try search(query)
        #expect(!results.hits.isEmpty)
        let (prefix, _) = try expressions(query)
        // Every record's snippet for the prefix itself, by id.
        let expected = try catalog.withSearchReader { reader in
            var ids: [Int64: String] = [:]
            try reader.connection.run("SELECT rowid, id FROM records") { row in ids[Int64(row.int(0) ?? -1)] = row.text(1) }
            let snippets = try MarkedSnippet.best(for: Array(ids.keys), match: prefix, hasPrefix: false, in: reader.connection)
            return Dictionary(uniqueKeysWithValues: snippets.map { (ids[$0.key] ?? "", Self.describe($0.value.text, $0.value.highlights)) })
        }
        for hit in results.hits {
            #expect(Self.describe(hit.snippet, hit.highlights) == expected[hit.id], "\(hit.id)")
        }
    }

    private static func describe(_ snippet: String, _ highlights: [SnippetHighlight]) -> String {
        snippet + " @ " + highlights.map { "\($0.start)+\($0.length)" }.joined(separator: ", ")
    }

    @Test func aPrefixHighlightsWholeWordsAndCompoundsItBegins() throws {
        let hit = try #require(search("Jugend*").hits.first { $0.snippet.contains("Jugendamt und die Jugendhilfe") })
        #expect(Self.highlightedWords(hit).contains("Jugendamt"))
        #expect(Self.highlightedWords(hit).contains("Jugendhilfe"))
        // `Prae` folds to `pra`: the umlaut and its digraph alike.
        let digraph = try #require(search("Prae*").hits.first { $0.snippet.contains("Präventive Angebote") })
        #expect(Self.highlightedWords(digraph).contains("Präventive"))
        #expect(Self.highlightedWords(digraph).allSatisfy { $0.hasPrefix("Prä") || $0.hasPrefix("Prae") })
    }

    @Test func termsAddedSinceTheLastSearchAreHighlighted() async throws {
        _ = try search("Jugend*")
        let catalog = catalog
        try await catalog.transaction {
            // A new term, and no other term at its position (a word in lower case is not split).
            var record = Record(id: "neu")
            record.type = "report"
            record.title = "Neu im Kino"
            record.abstract = "Der Film ist jugendfrei."
            _ = try catalog.upsert(record, origin: RecordOrigin(source: "test", itemID: "neu"))
        }
        let hit = try #require(search("Jugend*").hits.first { $0.id == "neu" })
        #expect(Self.highlightedWords(hit) == ["jugendfrei"])
    }

    @Test func prefixesTheTermsCannotSayStay() async throws {
        // A hyphenated word: the prefix is the last token of a phrase.
        let (_, hyphenated) = try catalog.withSearchReader { reader in
            try reader.connection.execute("BEGIN")
            defer { try? reader.connection.execute("COMMIT") }
            let tree = try #require(QueryParser.parse("Hilse-Carst*").tree)
            return (tree, try reader.prefixes.expanding(tree, records: 36, in: reader.connection))
        }
        #expect(hyphenated.texts.allSatisfy { $0.indexTerms == nil })
        #expect(try search("Hilse-Carst*").total == 12)
        // More terms than the limit: the prefix, and its highlights, as before.
        let catalog = catalog
        try await catalog.transaction {
            var record = Record(id: "zettel")
            record.type = "report"
            record.title = "Zettelkasten"
            record.content = "<p>" + (0 ... PrefixExpansion.termLimit).map { "Zettel\($0)a" }.joined(separator: " ") + "</p>"
            _ = try catalog.upsert(record, origin: RecordOrigin(source: "test", itemID: "zettel"))
        }
        let many = try catalog.withSearchReader { reader in
            try reader.connection.execute("BEGIN")
            defer { try? reader.connection.execute("COMMIT") }
            return try reader.prefixes.expanding(try #require(QueryParser.parse("Zettel*").tree), records: 37, in: reader.connection)
        }
        #expect(many.texts.allSatisfy { $0.indexTerms == nil })
        let hit = try #require(search("Zettel*").hits.first)
        #expect(!hit.highlights.isEmpty)
        #expect(Self.highlightedWords(hit).allSatisfy { $0.hasPrefix("Zettel") })
    }

    @Test func theOrIsUsedWhereItIsCheaperThanTheMerge() {
        // Measured at 100,000 records (bench/README.md): terms, rows of their lists.
        #expect(PrefixExpansion.isWorthIt(terms: 43, rows: 141_830, records: 100_000)) // jugend: 15 → 3 ms
        #expect(PrefixExpansion.isWorthIt(terms: 9, rows: 102_798, records: 100_000)) // prav: 10 → 4 ms
        #expect(PrefixExpansion.isWorthIt(terms: 62, rows: 188_498, records: 100_000)) // sozial: 38 → 16 ms
        #expect(!PrefixExpansion.isWorthIt(terms: 246, rows: 56_847, records: 100_000)) // schul: 13 → 25 ms
        #expect(!PrefixExpansion.isWorthIt(terms: 0, rows: 0, records: 100_000))
    }

    @Test func aMarkedQueryTextIsOneIndexTermAsWritten() throws {
        let analyzer = try #require(GermanAnalyzer(lexicon: { Lexicon(words: []) }))
        func tokens(_ text: String, _ purpose: GermanAnalyzer.Purpose) -> [String] {
            var tokens: [String] = []
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                analyzer.tokenize(bytes, for: purpose) { token, _, _ in
                    tokens.append(String(decoding: token, as: UTF8.self))
                    return true
                }
            }
            return tokens
        }
        #expect(tokens("\u{1}jugendhilfe", .query) == ["jugendhilfe"]) // not stemmed to `jugendhilf`
        #expect(tokens("Jugendhilfe", .query) == ["jugendhilf"])
        #expect(tokens("\u{1}Jugendhilfe", .prefixQuery) == ["jugendhilfe"]) // only plain queries take terms
        #expect(tokens("\u{1}", .query).isEmpty)
    }

    @Test func aVisitorCannotWriteAnIndexTerm() throws {
        let typed = QueryText(text: "\u{1}jugendhilfe")
        #expect(!QueryCompiler.expression(typed).contains("\u{1}"))
        let total = try search("Jugendhilfe").total
        #expect(total > 0)
        #expect(try search("\u{1}Jugendhilfe").total == total)
    }
}
