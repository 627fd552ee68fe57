import ArchivarCore
import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// Every operator and filter of the query language against a real SQLite catalog holding
/// records like the bundled sample's.
@Suite struct CatalogSearchTests {
    let directory: TemporaryDirectory
    let catalog: Catalog

    init() async throws {
        directory = try TemporaryDirectory()
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
        let records = [
            Self.record("fischer2022handbuch", "Handbuch Kommunale Planung und Steuerung", type: "book", year: 2022,
                        editors: ["Fischer", "Hilse-Carstensen", "Huber"]),
            Self.record("fischer2016unbegleitete", "Unbegleitete minderjährige Flüchtlinge", type: "book", year: 2016,
                        editors: ["Fischer", "Graßhoff"]),
            Self.record("fischer2023praxisforschung", "Praxisforschung", type: "periodical", year: 2023,
                        editors: ["Fischer", "Hilse-Carstensen"], container: "Sozialmagazin"),
            Self.record("fischer2018steuerung", "Steuerung (in) der Sozialen Arbeit", type: "periodical", year: 2018,
                        editors: ["Fischer", "Kegelmann"], container: "Sozialmagazin"),
            Self.record("ikpe-news-beirat", "Beiratssitzung “Thüringer Präventionsketten”", type: "webpage", year: 2024,
                        kind: RecordKind.press, source: "ikpe-news"),
            Self.record("ikpe-news-undatiert", "Fachtag Wohnungslosigkeit", type: "webpage", year: nil,
                        kind: RecordKind.press, source: "ikpe-news"),
            Self.record("kommune360-flucht", "Flucht und Integration: Wie stellt sich kommunale Planungspraxis auf?",
                        type: "webpage", year: 2024, kind: RecordKind.partner, source: "kommune360"),
        ]
        let catalog = catalog
        try await catalog.transaction {
            for record in records {
                _ = try catalog.upsert(record, origin: RecordOrigin(source: record.source ?? "test", itemID: record.id))
            }
        }
    }

    private static func record(_ id: String, _ title: String, type: String, year: Int?, editors: [String] = [],
                               container: String? = nil, kind: String = RecordKind.publication,
                               source: String = "ikpe-publikationen") -> Record {
        var record = Record(id: id)
        record.type = type
        record.kind = kind
        record.source = source
        record.title = title
        record.editors = editors.map { Name(family: $0, given: "") }
        record.containerTitle = container
        if let year {
            record.issued = IssuedDate(year: year)
        } else {
            record.published = "undatiert"  // no year to be read from it
        }
        return record
    }

    /// The ids found, best first, and the note; fails the test on an SQL error.
    private func found(_ text: String, limit: Int = 50) throws -> [String] {
        let results = try catalog.search(SearchQuery(text: text, limit: limit))
        #expect(results.total == results.hits.count, "\(text)")
        return results.hits.map(\.id)
    }

    private func foundSet(_ text: String) throws -> Set<String> { Set(try found(text)) }

    @Test func wordsMustAllMatch() throws {
        #expect(try found("Planung Steuerung") == ["fischer2022handbuch"])
        #expect(try foundSet("Fischer Steuerung") == ["fischer2022handbuch", "fischer2018steuerung"])
        #expect(try found("Planung AND Steuerung") == ["fischer2022handbuch"])
        #expect(try found("Planung Wasserwirtschaft").isEmpty)
    }

    @Test func phraseNeedsTheWordsTogetherInOrder() throws {
        #expect(try found("\"Planung und Steuerung\"") == ["fischer2022handbuch"])
        #expect(try found("„planung und steuerung“") == ["fischer2022handbuch"])
        #expect(try found("Steuerung Planung") == ["fischer2022handbuch"])
        #expect(try found("\"Steuerung Planung\"").isEmpty)
        #expect(try found("\"Steuerung und Planung\"").isEmpty)
    }

    @Test func orFindsEither() throws {
        #expect(try foundSet("Flüchtlinge OR Praxisforschung") == ["fischer2016unbegleitete", "fischer2023praxisforschung"])
        #expect(try found("Flüchtlinge or Praxisforschung").isEmpty)
    }

    @Test func andBindsTighterThanOr() throws {
        #expect(try foundSet("Graßhoff Flüchtlinge OR Präventionsketten") == ["fischer2016unbegleitete", "ikpe-news-beirat"])
        #expect(try foundSet("Fischer (Flüchtlinge OR Präventionsketten)") == ["fischer2016unbegleitete"])
    }

    @Test func minusExcludesWordsPhrasesAndGroups() throws {
        #expect(try foundSet("Fischer -Steuerung") == ["fischer2016unbegleitete", "fischer2023praxisforschung"])
        #expect(try foundSet("Fischer -\"Kommunale Planung\"") ==
            ["fischer2016unbegleitete", "fischer2023praxisforschung", "fischer2018steuerung"])
        #expect(try found("Fischer -(Steuerung OR Flüchtlinge)") == ["fischer2023praxisforschung"])
        #expect(try found("Fischer NOT Steuerung NOT Flüchtlinge") == ["fischer2023praxisforschung"])
        #expect(try foundSet("Fischer (Flüchtlinge OR -Steuerung)") == ["fischer2016unbegleitete", "fischer2023praxisforschung"])
    }

    @Test func starFindsPrefixes() throws {
        #expect(try found("Praxisfor*") == ["fischer2023praxisforschung"])
        #expect(try foundSet("Planung*") == ["fischer2022handbuch", "kommune360-flucht"])
        #expect(try found("Unbegleit*") == ["fischer2016unbegleitete"])
        #expect(try found("Unbegleit").isEmpty)
        #expect(try found("title:Beirat*") == ["ikpe-news-beirat"])
        #expect(try found("author:Hilse* title:Praxis*") == ["fischer2023praxisforschung"])
    }

    @Test func titleAndAuthorLookInTheirColumnOnly() throws {
        #expect(try foundSet("title:Steuerung") == ["fischer2022handbuch", "fischer2018steuerung"])
        #expect(try found("author:Steuerung").isEmpty)
        #expect(try foundSet("author:\"Hilse-Carstensen\"") == ["fischer2022handbuch", "fischer2023praxisforschung"])
        #expect(try found("author:Graßhoff title:Flüchtlinge") == ["fischer2016unbegleitete"])
        #expect(try found("title:Fischer").isEmpty)
        #expect(try found("author:Kegelmann OR title:Flüchtlinge").count == 2)
        #expect(try found("Fischer -author:Kegelmann -author:Graßhoff -title:Handbuch") == ["fischer2023praxisforschung"])
    }

    @Test func typeSourceAndKindFilterWithoutText() throws {
        #expect(try found("type:periodical") == ["fischer2023praxisforschung", "fischer2018steuerung"])
        #expect(try foundSet("type:BOOK") == ["fischer2022handbuch", "fischer2016unbegleitete"])
        #expect(try found("source:kommune360") == ["kommune360-flucht"])
        #expect(try foundSet("kind:press") == ["ikpe-news-beirat", "ikpe-news-undatiert"])
        #expect(try foundSet("type:(book OR periodical) year:2022..") == ["fischer2022handbuch", "fischer2023praxisforschung"])
        #expect(try found("type:book Flüchtlinge") == ["fischer2016unbegleitete"])
        #expect(try found("kommunale -kind:partner") == ["fischer2022handbuch"])
        #expect(try found("type:report").isEmpty)
    }

    @Test func yearsAndRanges() throws {
        #expect(try found("year:2016") == ["fischer2016unbegleitete"])
        #expect(try found("year:2018..2022") == ["fischer2022handbuch", "fischer2018steuerung"])
        #expect(try found("year:..2017") == ["fischer2016unbegleitete"])
        #expect(try foundSet("year:2023..") == ["fischer2023praxisforschung", "ikpe-news-beirat", "kommune360-flucht"])
        #expect(try foundSet("Fischer -year:2016..2018") == ["fischer2022handbuch", "fischer2023praxisforschung"])
        // A record without a year is not from 2024, so excluding 2024 keeps it.
        #expect(try found("kind:press -year:2024") == ["ikpe-news-undatiert"])
        #expect(try found("kind:press year:..3000") == ["ikpe-news-beirat"])
    }

    @Test func aBareYearFindsTheNumberInTheTextOrThePublicationYear() async throws {
        // A 2023 record that names 2024 in its title; the 2024 records do not write 2024.
        let outlook = Self.record("ikpe-news-ausblick", "Präventionsketten: Ausblick auf 2024", type: "webpage", year: 2023,
                                  kind: RecordKind.press, source: "ikpe-news")
        let catalog = catalog
        try await catalog.transaction {
            _ = try catalog.upsert(outlook, origin: RecordOrigin(source: "ikpe-news", itemID: outlook.id))
        }
        #expect(try foundSet("Präventionsketten 2024") == ["ikpe-news-beirat", "ikpe-news-ausblick"])
        #expect(try foundSet("2024") == ["ikpe-news-beirat", "kommune360-flucht", "ikpe-news-ausblick"])
        #expect(try found("Fischer 2016") == ["fischer2016unbegleitete"])
        #expect(try foundSet("Fischer (2016 OR 2018)") == ["fischer2016unbegleitete", "fischer2018steuerung"])
        #expect(try foundSet("kind:press -2024") == ["ikpe-news-undatiert"])
        // In a phrase, with a field or with a star the number is text only.
        #expect(try found("\"Präventionsketten 2024\"").isEmpty)
        #expect(try found("\"2024\"") == ["ikpe-news-ausblick"])
        #expect(try found("title:2024") == ["ikpe-news-ausblick"])
        #expect(try found("202*") == ["ikpe-news-ausblick"])
        #expect(try found("Präventionsketten 2023") == ["ikpe-news-ausblick"])
    }

    @Test func orMixingTextAndFilters() throws {
        #expect(try foundSet("Flüchtlinge OR type:periodical") ==
            ["fischer2016unbegleitete", "fischer2023praxisforschung", "fischer2018steuerung"])
        #expect(try foundSet("Fischer (year:2016 OR title:Praxisforschung)") ==
            ["fischer2016unbegleitete", "fischer2023praxisforschung"])
    }

    @Test func filterOnlyResultsAreNewestFirstAndPaged() throws {
        let first = try catalog.search(SearchQuery(text: "kind:publication", limit: 3))
        #expect(first.total == 4)
        #expect(first.hits.map(\.id) == ["fischer2023praxisforschung", "fischer2022handbuch", "fischer2018steuerung"])
        #expect(first.hits.allSatisfy { $0.snippet.isEmpty && $0.score == 0 })
        #expect(first.message == nil)
        let second = try catalog.search(SearchQuery(text: "kind:publication", limit: 3, offset: 3))
        #expect(second.total == 4)
        #expect(second.hits.map(\.id) == ["fischer2016unbegleitete"])
    }

    @Test func rankedHitsCarrySnippetsAndScores() throws {
        let results = try catalog.search(SearchQuery(text: "Planung type:book"))
        #expect(results.hits.map(\.id) == ["fischer2022handbuch"])
        #expect(results.hits[0].snippetParts.contains { $0.isHighlighted && $0.text == "Planung" })
        #expect(results.hits[0].score > 0)
        #expect(results.hits[0].creators == ["Fischer", "Hilse-Carstensen", "Huber"])
    }

    @Test func malformedQueryAnswersWithAMessageAndWhatCouldBeUnderstood() throws {
        let quote = try catalog.search(SearchQuery(text: "\"Steuerung Planung"))
        #expect(quote.message == "Das schließende Anführungszeichen fehlt; gesucht wurde nach den einzelnen Wörtern.")
        #expect(quote.hits.map(\.id) == ["fischer2022handbuch"])

        let field = try catalog.search(SearchQuery(text: "titel:Flüchtlinge"))
        #expect(field.message == "Unbekanntes Feld ‚titel:‘ — meinten Sie ‚title:‘?")
        #expect(field.hits.map(\.id) == ["fischer2016unbegleitete"])

        let parenthesis = try catalog.search(SearchQuery(text: "Fischer (Flüchtlinge OR Praxisforschung"))
        #expect(parenthesis.message?.hasPrefix("Klammer nicht geschlossen") == true)
        #expect(parenthesis.total == 2)

        let year = try catalog.search(SearchQuery(text: "Flüchtlinge year:früher"))
        #expect(year.message?.hasPrefix("‚früher‘ ist keine Jahreszahl") == true)
        #expect(year.hits.map(\.id) == ["fischer2016unbegleitete"])
    }

    @Test func onlyExclusionsAndEmptyQueriesFindNothingWithAMessage() throws {
        for text in ["-Flüchtlinge", "-type:book", ""] {
            let results = try catalog.search(SearchQuery(text: text))
            #expect(results.total == 0, "\(text)")
            #expect(results.hits.isEmpty, "\(text)")
            #expect(results.message != nil, "\(text)")
        }
    }
}
