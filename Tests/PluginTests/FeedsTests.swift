import ArchivarCore
import ArchivarTestSupport
import Feeds
import Foundation
import Testing

@Suite struct FeedsTests {
    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    }

    func source(_ id: String = "partner") -> SourceDefinition {
        SourceDefinition(id: id, title: id, plugin: "rss", url: "x", kind: RecordKind.partner)
    }

    func parse(_ url: URL) throws -> FeedParser.Result {
        try FeedParser.parse(Data(contentsOf: url), url: url, source: source())
    }

    @Test func institutesNewsFeedHasEveryPostWithDateAndText() throws {
        let result = try parse(Repository.sample("ikpe-news.rss"))
        #expect(result.problems.isEmpty)
        #expect(result.records.count >= 40)
        #expect(Set(result.records.map(\.id)).count == result.records.count)
        for record in result.records {
            #expect(record.title?.isEmpty == false)
            #expect(record.published != nil)
            #expect(record.content?.contains("<p>") == true)
        }
        #expect(result.records.contains { $0.content?.contains("Thüringen") == true })
    }

    @Test func atomFeedCarriesAuthorsAndDates() throws {
        let result = try parse(Repository.sample("kommune360.atom"))
        #expect(result.problems.isEmpty)
        #expect(!result.records.isEmpty)
        let authors = result.records.flatMap(\.authors).map(\.displayName)
        #expect(authors.contains("Vanessa Janson"))
        #expect(result.records.allSatisfy { $0.published != nil && $0.link?.hasPrefix("https://www.kommune360.de/") == true })
    }

    @Test func malformedFeedKeepsItemsBeforeTheDamageAndNamesTheLine() throws {
        let result = try parse(Self.fixture("malformed.rss"))
        let titles = result.records.compactMap(\.title)
        #expect(titles.contains("Fachtag Jugendhilfeplanung in Thüringen"))
        #expect(titles.contains("Zweiter Beitrag vor dem Schaden"))
        #expect(!result.problems.isEmpty)
        #expect(result.problems.allSatisfy { $0.line != nil })
    }

    @Test func hostileMarkupIsSanitizedAndUntitledItemsGetTheirFirstWords() throws {
        let result = try parse(Self.fixture("hostile.rss"))
        #expect(result.records.count == 2)
        let first = result.records[0]
        #expect(first.content?.contains("<script") == false)
        #expect(first.content?.contains("onclick") == false)
        #expect(first.content?.contains("javascript:") == false)
        #expect(first.content?.contains("src=\"https://partner.example/bild.png\"") == true)
        #expect(result.records[1].title == "Ein Beitrag ohne Titel beginnt mit diesen Worten …")
    }

    @Test func rss10WithDublinCore() throws {
        let result = try parse(Self.fixture("rdf.rdf"))
        let record = try #require(result.records.first)
        #expect(record.title == "Thüringer Praeventionsketten")
        #expect(record.authors == [Name(family: "Schaarschmidt", given: "Heike")])
        #expect(record.published == "2024-03-20T11:00:00Z")
        #expect(record.text("keyword") == "Prävention")
        #expect(record.language == "de")
    }

    @Test func notAFeedIsAClearError() throws {
        let error = try #require(throws: ArchivarError.self) {
            try FeedParser.parse(Data("<html><body>hi</body></html>".utf8), url: URL(fileURLWithPath: "/tmp/x.html"), source: source())
        }
        #expect(error.description.contains("root element is <html>"))
    }

    @Test func sameInputGivesSameIDs() throws {
        let first = try parse(Repository.sample("inso-projekte.rss")).records.map(\.id)
        let second = try parse(Repository.sample("inso-projekte.rss")).records.map(\.id)
        #expect(first == second)
        #expect(first.allSatisfy { $0.hasPrefix("partner-") })
    }
}
