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

    func firstID(_ xml: String) throws -> String? {
        try FeedParser.parse(Data(xml.utf8), url: URL(string: "https://partner.example/feed")!, source: source()).records.first?.id
    }

    @Test(arguments: [
        "<rss version=\"2.0\"><channel><item><guid>g1</guid><link>https://partner.example/1</link><title>T</title><description>TEXT</description></item></channel></rss>",
        "<rss version=\"2.0\"><channel><item><link>https://partner.example/1</link><title>T</title><description>TEXT</description></item></channel></rss>",
        "<rss version=\"2.0\"><channel><item><title>T</title><pubDate>Tue, 20 Jun 2023 12:00:00 GMT</pubDate><description>TEXT</description></item></channel></rss>",
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><item rdf:about=\"https://partner.example/1\"><title>T</title><description>TEXT</description></item></rdf:RDF>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>urn:1</id><title>T</title><content>TEXT</content></entry></feed>",
        "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><id>urn:1</id><title>T</title><content mode=\"escaped\">TEXT</content></entry></feed>",
    ])
    func changedContentKeepsTheItemsID(xml: String) throws {
        let before = try #require(try firstID(xml))
        #expect(try firstID(xml.replacingOccurrences(of: "TEXT", with: "Ganz neuer Text")) == before)
    }

    @Test func guidLinkAndTitleWithDateGiveDifferentItems() throws {
        let ids = try [
            "<rss><channel><item><guid>g1</guid><title>T</title></item></channel></rss>",
            "<rss><channel><item><link>https://partner.example/1</link><title>T</title></item></channel></rss>",
            "<rss><channel><item><title>T</title><pubDate>Tue, 20 Jun 2023 12:00:00 GMT</pubDate></item></channel></rss>",
            "<rss><channel><item><title>T</title><pubDate>Wed, 21 Jun 2023 12:00:00 GMT</pubDate></item></channel></rss>",
        ].map(firstID)
        #expect(Set(ids.compactMap { $0 }).count == 4)
    }

    @Test func unreadableDateIsReportedWithTheLineAndTheItemKept() throws {
        let xml = "<rss><channel>\n<item>\n<title>Gestern</title>\n<pubDate>gestern abend</pubDate>\n</item></channel></rss>"
        let result = try FeedParser.parse(Data(xml.utf8), url: URL(string: "https://partner.example/feed")!, source: source())
        #expect(result.records.count == 1)
        #expect(result.records.first?.published == nil)
        #expect(result.problems.map(\.description) == ["line 4: unreadable date \"gestern abend\"; the item is kept without it"])
    }

    @Test func httpCharsetIsUsedForTheFeed() throws {
        let data = Data("<rss><channel><item><title>J".utf8) + Data([0xFC]) + Data("rgen</title></item></channel></rss>".utf8)
        let result = try FeedParser.parse(data, url: URL(string: "https://partner.example/feed")!, source: source(), charset: "ISO-8859-1")
        #expect(result.records.first?.title == "Jürgen")
        #expect(result.problems.isEmpty)
    }
}
