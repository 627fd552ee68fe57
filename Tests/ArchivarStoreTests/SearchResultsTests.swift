import ArchivarCore
@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// What a search answers besides which records match, on a real SQLite catalog: the order
/// (weighted BM25, recency), facet counts and the filters they link to, pages, snippets
/// with highlight offsets, and „Meinten Sie …?“.
@Suite struct SearchResultsTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    init() throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
    }

    private static func record(_ id: String, _ title: String, year: Int? = 2020, month: Int? = nil, type: String = "book",
                               kind: String = RecordKind.publication, source: String = "ikpe-publikationen",
                               authors: [Name] = [], abstract: String? = nil, content: String? = nil) -> Record {
        var record = Record(id: id)
        record.type = type
        record.kind = kind
        record.source = source
        record.title = title
        record.authors = authors
        record.abstract = abstract
        record.content = content
        if let year {
            record.issued = IssuedDate(year: year, month: month)
        } else {
            record.published = "undatiert"
        }
        return record
    }

    private func store(_ records: [Record]) async throws {
        let catalog = catalog
        try await catalog.transaction {
            for record in records {
                _ = try catalog.upsert(record, origin: RecordOrigin(source: record.source ?? "test", itemID: record.id))
            }
        }
    }

    private func search(_ text: String, limit: Int = 20, offset: Int = 0) throws -> SearchResults {
        try catalog.search(SearchQuery(text: text, limit: limit, offset: offset))
    }

    /// The highlighted words of a hit, cut out of its snippet by UTF-16 offsets as a browser would.
    private static func highlighted(_ hit: SearchHit) -> [String] {
        let snippet = hit.snippet as NSString
        return hit.highlights.map { snippet.substring(with: NSRange(location: $0.start, length: $0.length)) }
    }

    // MARK: Ranking

    @Test func titleAndCreatorsRankAboveAbstractAboveBody() async throws {
        let filler = "Ein Bericht aus der kommunalen Praxis mit Zahlen, Karten und Empfehlungen für die Verwaltung."
        try await store([
            Self.record("body", "Jahresbericht 2024", year: 2024, content: "<p>\(filler) Quartiersarbeit im Blick.</p>"),
            Self.record("abstract", "Studie zur Stadtentwicklung", year: 2024, abstract: "\(filler) Quartiersarbeit im Blick."),
            Self.record("title", "Quartiersarbeit in Erfurt", year: 2005, content: "<p>\(filler)</p>"),
            Self.record("creator", "Handbuch Beteiligung", year: 2005, authors: [Name(family: "Kegelmann", given: "Jürgen")],
                        content: "<p>\(filler)</p>"),
            Self.record("creator-in-body", "Tagungsband Beteiligung", year: 2024,
                        content: "<p>\(filler) Mit einem Grußwort von Jürgen Kegelmann.</p>"),
        ])
        // The title match is 19 years older and still first: recency only tips near-equal scores.
        #expect(try search("Quartiersarbeit").hits.map(\.id) == ["title", "abstract", "body"])
        #expect(try search("Kegelmann").hits.map(\.id) == ["creator", "creator-in-body"])
        let scores = try search("Quartiersarbeit").hits.map(\.score)
        #expect(scores == scores.sorted(by: >) && scores.allSatisfy { $0 > 0 })
    }

    @Test func newerRecordsWinTiesAndEqualScoresGoByDate() async throws {
        try await store([
            Self.record("older", "Sozialplanung im Landkreis", year: 2012),
            Self.record("newer", "Sozialplanung im Landkreis", year: 2023),
            Self.record("march", "Sozialplanung im Landkreis", year: 2020, month: 3),
            Self.record("november", "Sozialplanung im Landkreis", year: 2020, month: 11),
            Self.record("undated", "Sozialplanung im Landkreis", year: nil),
        ])
        let hits = try search("Sozialplanung").hits
        #expect(hits.map(\.id) == ["newer", "november", "march", "older", "undated"])
        #expect(hits[1].score == hits[2].score)
        #expect(hits[0].score > hits[1].score && hits[2].score > hits[3].score)
    }

    // MARK: Facets

    /// Records about planning by one person spelt four ways, by a namesake and by others.
    private func storePlanningRecords() async throws {
        try await store([
            Self.record("a", "Planung im ländlichen Raum", year: 2019, authors: [Name(family: "Fischer", given: "Jörg")]),
            Self.record("b", "Planung und Beteiligung", year: 2020, authors: [Name(family: "FISCHER", given: "Joerg"),
                                                                             Name(family: "Graßhoff", given: "Gunther")]),
            Self.record("c", "Planung mit Daten", year: 2020, type: "report", source: "inso",
                        authors: [Name(family: "Fischer", given: "Julia")]),
            Self.record("d", "Neues zur Planung", year: 2021, type: "webpage", kind: RecordKind.press, source: "ikpe-news",
                        authors: [Name(family: "Fischer", given: "Jörg M.")]),
            Self.record("e", "Jugendhilfeplanung vor Ort", year: 2021, authors: [Name(family: "Fischer", given: "Jörg")]),
            Self.record("other", "Frühe Hilfen", year: 2019, authors: [Name(family: "Fischer", given: "Jörg")]),
        ])
    }

    private func facet(_ field: SearchFacetField, of results: SearchResults) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (results.facets.first { $0.field == field }?.values ?? []).map { ($0.label, $0.count) })
    }

    @Test func facetsCountTheWholeMatchingSetAndOnePersonOnce() async throws {
        try await storePlanningRecords()
        let results = try search("Planung", limit: 1)
        #expect(results.total == 5)
        #expect(results.hits.count == 1)
        #expect(results.limit == 1)
        #expect(results.facets.map(\.field) == [.type, .year, .author, .source, .kind])
        #expect(facet(.type, of: results) == ["Buch": 3, "Bericht": 1, "Webseite": 1])
        #expect(results.facets.first { $0.field == .type }?.values.first?.value == "book")
        #expect(results.facets.first { $0.field == .year }?.values.map(\.value) == ["2021", "2020", "2019"])
        #expect(facet(.year, of: results) == ["2021": 2, "2020": 2, "2019": 1])
        // "Fischer, Jörg", "FISCHER, Joerg" and "Jörg M. Fischer" are one person; Julia Fischer another.
        #expect(facet(.author, of: results) == ["Fischer, Jörg": 4, "Fischer, Julia": 1, "Graßhoff, Gunther": 1])
        #expect(results.facets.first { $0.field == .author }?.values.first?.filter == "author:\"Fischer, Jörg\"")
        #expect(facet(.source, of: results) == ["ikpe-publikationen": 3, "inso": 1, "ikpe-news": 1])
        #expect(facet(.kind, of: results) == ["Publikation": 4, "Presse": 1])
        #expect(try search("Wasserwirtschaft").facets.isEmpty)

        // Counts follow what is stored since.
        try await store([Self.record("f", "Planung 2025", year: 2025, type: "report", authors: [Name(family: "Fischer", given: "Julia")])])
        let again = try search("Planung", limit: 1)
        #expect(again.total == 6)
        #expect(facet(.type, of: again) == ["Buch": 3, "Bericht": 2, "Webseite": 1])
        #expect(facet(.author, of: again)["Fischer, Julia"] == 2)
    }

    @Test func everyFacetLinkFindsAsManyAsItsCountAndFiltersCombine() async throws {
        try await storePlanningRecords()
        let results = try search("Planung")
        for value in results.facets.flatMap(\.values) {
            #expect(!value.selected, "\(value.filter)")
            #expect(value.query == "Planung " + value.filter)
            let narrowed = try search(value.query)
            #expect(narrowed.total == value.count, "\(value.query)")
            #expect(narrowed.message == nil, "\(value.query)")
        }

        let books = try search(#require(results.facets.first { $0.field == .type }?.values.first { $0.value == "book" }).query)
        let bookType = try #require(books.facets.first { $0.field == .type }?.values.first)
        #expect(bookType.selected)
        #expect(bookType.query == "Planung")
        let joerg = try #require(books.facets.first { $0.field == .author }?.values.first { $0.label == "Fischer, Jörg" })
        #expect(joerg.count == 3)
        let both = try search(joerg.query)
        #expect(both.query == "Planung type:book author:\"Fischer, Jörg\"")
        #expect(Set(both.hits.map(\.id)) == ["a", "b", "e"])
        #expect(both.facets.flatMap(\.values).filter(\.selected).map(\.filter) == ["type:book", "author:\"Fischer, Jörg\""])
        #expect(try search("Planung type:book year:2020 -author:\"Jörg Fischer\"").total == 0)
        #expect(try search("Planung year:2020..2021 kind:publication").hits.map(\.id).sorted() == ["b", "c", "e"])
    }

    @Test func aBareYearSelectsNoYearAndItsFacetLinkNarrowsToTheYear() async throws {
        try await storePlanningRecords()
        try await store([Self.record("outlook", "Planung bis 2021", year: 2019)])
        let results = try search("Planung 2021")
        #expect(Set(results.hits.map(\.id)) == ["d", "e", "outlook"])
        #expect(facet(.year, of: results) == ["2021": 2, "2019": 1])
        // `2021` may be the year or the text, so no year is selected yet; the link narrows.
        #expect(results.facets.flatMap(\.values).allSatisfy { !$0.selected })
        let year = try #require(results.facets.first { $0.field == .year }?.values.first { $0.value == "2021" })
        #expect(year.query == "Planung 2021 year:2021")
        let narrowed = try search(year.query)
        #expect(Set(narrowed.hits.map(\.id)) == ["d", "e"])
        #expect(narrowed.facets.first { $0.field == .year }?.values.first?.selected == true)
    }

    @Test func authorWithAWholeNameFindsThePersonInAnySpelling() async throws {
        try await storePlanningRecords()
        try await store([Self.record("namesake", "Planung im Quartier", authors: [Name(family: "Fischer", given: "Hans-Jörg")])])
        #expect(Set(try search("author:\"Jörg Fischer\"").hits.map(\.id)) == ["a", "b", "d", "e", "other"])
        #expect(Set(try search("author:\"Fischer, Jörg\" Planung").hits.map(\.id)) == ["a", "b", "d", "e"])
        // One word names no one person: every Fischer.
        #expect(try search("author:Fischer").total == 7)
        #expect(try search("author:\"Fischer\"").total == 7)
        // A name no record has is looked for as words in the creators.
        #expect(try search("author:\"Gunther Graßhoff\"").hits.map(\.id) == ["b"])
        #expect(try search("author:\"Erika Mustermann\"").total == 0)

        // An institution is one author too, named as it is.
        let institute = Name(literal: "Institut für kommunale Planung und Entwicklung")
        try await store([Self.record("ikpe", "Planung in Thüringen", authors: [institute])])
        let value = try #require(try search("Thüringen").facets.first { $0.field == .author }?.values.first)
        #expect(value.label == "Institut für kommunale Planung und Entwicklung")
        #expect(try search(value.query).hits.map(\.id) == ["ikpe"])
    }

    @Test func aPersonsFacetLabelFollowsTheSpellingMostRecordsUseAsRecordsArrive() async throws {
        try await store([Self.record("a", "Sozialplanung", authors: [Name(family: "Schaarschmidt", given: "Heike")])])
        #expect(try search("Sozialplanung").facets.first { $0.field == .author }?.values.first?.label == "Schaarschmidt, Heike")
        // One person (one key) in another spelling, now the more frequent one.
        let shouted = Name(family: "SCHAARSCHMIDT", given: "Heike")
        try await store([Self.record("b", "Sozialplanung vor Ort", authors: [shouted]),
                         Self.record("c", "Sozialplanung im Quartier", authors: [shouted])])
        let person = try #require(try search("Sozialplanung").facets.first { $0.field == .author }?.values)
        #expect(person.map(\.count) == [3])
        // The label read for the first search is not kept past the change.
        #expect(person.first?.label == "SCHAARSCHMIDT, Heike")
    }

    // MARK: Pages

    @Test func pagesShareTheTotalAndNeverRepeatAHit() async throws {
        try await store((1...45).map { Self.record(String(format: "r%02d", $0), "Sozialplanung Teil \($0)", year: 1990 + $0 % 30) })
        var seen: [String] = []
        for offset in stride(from: 0, through: 40, by: 20) {
            let page = try search("Sozialplanung", limit: 20, offset: offset)
            #expect(page.total == 45)
            #expect(page.offset == offset)
            #expect(page.limit == 20)
            #expect(facet(.kind, of: page) == ["Publikation": 45])
            seen += page.hits.map(\.id)
        }
        #expect(seen.count == 45)
        #expect(Set(seen).count == 45)
        let beyond = try search("Sozialplanung", limit: 20, offset: 60)
        #expect(beyond.total == 45)
        #expect(beyond.hits.isEmpty)
    }

    // MARK: Snippets

    @Test func highlightOffsetsPointAtTheMatchedWordsInUTF16() async throws {
        try await store([
            Self.record("emoji", "Bericht", abstract: "🎉 Ärger über Öffnungszeiten 👩‍👩‍👧: die Jugendhilfeplanung in Thüringen hilft Flüchtlingen."),
            Self.record("names", "Tagungsband", abstract: "Mit Beiträgen von Theresa Hilse-Carstensen und anderen."),
            Self.record("markers", "Notiz", abstract: "Steuer\u{2}zeichen \u{3}und Thüringer Kommunen."),
        ])
        let hit = try #require(search("Thüringen Flüchtlinge Planung").hits.first)
        #expect(hit.snippet == "🎉 Ärger über Öffnungszeiten 👩‍👩‍👧: die Jugendhilfeplanung in Thüringen hilft Flüchtlingen.")
        #expect(Self.highlighted(hit) == ["Jugendhilfeplanung", "Thüringen", "Flüchtlingen"])
        let thuringia = (hit.snippet as NSString).range(of: "Thüringen")
        #expect(hit.highlights[1] == SnippetHighlight(start: thuringia.location, length: thuringia.length))
        #expect(hit.snippetParts.filter(\.isHighlighted).map { String($0.text) } == ["Jugendhilfeplanung", "Thüringen", "Flüchtlingen"])

        // A hyphenated name is marked whole, whichever piece was asked for.
        for query in ["Hilse-Carstensen", "Carstensen", "Hilse"] {
            #expect(Self.highlighted(try #require(search(query).hits.first)) == ["Hilse-Carstensen"], "\(query)")
        }
        // Marker characters in stored text are never taken for highlights.
        let marked = try #require(search("Thüringer").hits.first)
        #expect(Self.highlighted(marked) == ["Thüringer"])
        #expect(!marked.snippet.unicodeScalars.contains { $0 == "\u{2}" || $0 == "\u{3}" })
    }

    @Test func aPrefixHighlightsEveryWordItMatchesOnThePage() async throws {
        // Matches between and around the page's rows, which are read in one pass.
        try await store((0 ..< 30).map { index in
            Self.record("r\(index)", "Bericht \(index)", year: 2000 + index % 20,
                        abstract: index % 3 == 0 ? "Die Jugendhilfeplanung und die Jugendarbeit im Kreis." : "Nur die Verwaltung.")
        })
        let results = try search("Jugend*", limit: 4, offset: 2)
        #expect(results.total == 10)
        #expect(results.hits.count == 4)
        for hit in results.hits {
            #expect(Self.highlighted(hit) == ["Jugendhilfeplanung", "Jugendarbeit"], "\(hit.id)")
        }
        let excluded = try search("Bericht -Jugend*", limit: 30)
        #expect(excluded.total == 20)
        #expect(excluded.hits.allSatisfy { $0.snippet == "Nur die Verwaltung." })
    }

    @Test func snippetComesFromTheBestPassage() async throws {
        let early = String(repeating: "Die Verwaltung berichtet über Haushalt, Personal und Gebäude. ", count: 12)
        try await store([
            Self.record("deep", "Jahresbericht", abstract: "Ein Überblick über das Jahr.", content: "<p>\(early)Neu ist die Präventionskette für Kinder.</p>"),
            Self.record("title-only", "Präventionsketten in Thüringen", abstract: "Eine Einführung für Kommunen."),
            Self.record("bare", "Präventionsketten kompakt"),
        ])
        let hits = try search("Präventionskette").hits
        let deep = try #require(hits.first { $0.id == "deep" })
        #expect(deep.snippet.hasPrefix("…"))
        #expect(Self.highlighted(deep) == ["Präventionskette"])
        // Matched in the title only: the abstract gives the context.
        #expect(hits.first { $0.id == "title-only" }?.snippet == "Eine Einführung für Kommunen.")
        // Nothing but a title: the title, highlighted.
        let bare = try #require(hits.first { $0.id == "bare" })
        #expect(Self.highlighted(bare) == ["Präventionsketten"])
        // Filters alone have no words to show.
        #expect(try search("type:book").hits.allSatisfy { $0.snippet.isEmpty && $0.highlights.isEmpty })
    }

    // MARK: Suggestions

    private func storeRefugeeRecords() async throws {
        try await store([
            Self.record("r1", "Unbegleitete minderjährige Flüchtlinge", abstract: "Flüchtlinge in Thüringen."),
            Self.record("r2", "Flüchtlinge in der Kommune", abstract: "Wie Thüringen Flüchtlinge aufnimmt."),
            Self.record("r3", "Jugendhilfeplanung in Thüringen", abstract: "Planung für Flüchtlinge und Familien."),
            Self.record("r4", "Flüchtlingshilfe", abstract: "Ein Flüchtling erzählt."),
        ])
    }

    @Test func typosGetASuggestionThatFindsRecords() async throws {
        try await storeRefugeeRecords()
        let expected = [
            "Flüchtlnge": "Flüchtlinge", "fluechtlnge": "Flüchtlinge", "Flüchtlinhe": "Flüchtlinge",
            "Thüringn": "Thüringen", "Thueringn": "Thüringen", "Thrüingen": "Thüringen",
            "Jugendhilfeplannung Thüringn": "Jugendhilfeplanung Thüringen",
            "\"Flüchtlnge in Thüringen\"": "\"Flüchtlinge in Thüringen\"",
            "title:Flüchtlnge": "title:Flüchtlinge",
        ]
        for (typed, suggestion) in expected {
            let results = try search(typed)
            #expect(results.total == 0, "\(typed)")
            #expect(results.suggestion == suggestion, "\(typed)")
            #expect(try search(suggestion).total > 0, "\(suggestion)")
        }
    }

    @Test func aTypoBesideABareYearIsCorrectedAndTheSuggestionFindsTheYear() async throws {
        try await storeRefugeeRecords()
        try await store([Self.record("r5", "Flüchtlinge in Gera", year: 2024)])
        let results = try search("Flüchtlnge 2024")
        #expect(results.total == 0)
        #expect(results.suggestion == "Flüchtlinge 2024")
        #expect(try search("Flüchtlinge 2024").hits.map(\.id) == ["r5"])
    }

    @Test func aRareMisspellingGetsTheCommonWord() async throws {
        try await storeRefugeeRecords()
        try await store([Self.record("typo", "Hilfe für Flüchtlinhe")])
        let results = try search("Flüchtlinhe")
        #expect(results.hits.map(\.id) == ["typo"])
        #expect(results.suggestion == "Flüchtlinge")
    }

    @Test func noSuggestionWhenTheQueryFindsEnoughOrNothingIsClose() async throws {
        try await storeRefugeeRecords()
        #expect(try search("Flüchtlinge").suggestion == nil)
        #expect(try search("Thüringen Flüchtlinge").suggestion == nil)
        #expect(try search("Wasserwirtschaft").suggestion == nil)
        #expect(try search("Thüringen -Flüchtlinge").suggestion == nil)
        // Every word known, just not together: nothing to correct.
        #expect(try search("Flüchtlingshilfe Jugendhilfeplanung").suggestion == nil)
    }

    // MARK: Catalogs from before

    @Test func catalogFromBeforeSearchFieldsGetsThemOnOpen() throws {
        let file = directory.file("old/archivar.sqlite")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        var old = Self.record("old", "Handbuch Sozialplanung", authors: [Name(family: "FISCHER", given: "Joerg")],
                              abstract: "Quartiersarbeit in Thüringen.")
        old.hash = old.contentHash()
        do {
            let connection = try Connection(file: file)
            try GermanTokenizer.register(on: connection, cacheDirectory: nil)
            for sql in Migrations.all.prefix(6) { try connection.execute(sql) }
            try connection.execute("PRAGMA user_version = 6")
            // As migration 6's upsert stored it: the abstract inside the body, no people.
            try connection.run("""
                INSERT INTO records(id, kind, type, source, year, sort_date, hash, json, title, creators, body)
                VALUES ('old', 'publication', 'book', 'test', 2020, '2020-01-01', ?1, ?2, 'Handbuch Sozialplanung',
                        'Joerg FISCHER', 'Quartiersarbeit in Thüringen.')
                """, [.text(old.hash ?? ""), .text(old.json.canonicalText())])
        }
        let upgraded = try Catalog(file: file)
        let results = try upgraded.search(SearchQuery(text: "Quartiersarbeit"))
        #expect(results.hits.map(\.id) == ["old"])
        #expect(results.hits.first?.snippet == "Quartiersarbeit in Thüringen.")
        #expect(facet(.author, of: results) == ["FISCHER, Joerg": 1])
        #expect(try upgraded.search(SearchQuery(text: "author:\"Jörg Fischer\"")).hits.map(\.id) == ["old"])
        #expect(try upgraded.withReader { try $0.text("SELECT abstract FROM records") } == "Quartiersarbeit in Thüringen.")
        #expect(try upgraded.withReader { try $0.integer("SELECT version FROM search_fields") } == SearchFields.version)
    }
}
