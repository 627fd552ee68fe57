import ArchivarCore
import ArchivarTestSupport
import Foundation
import Scrape
import Testing

@Suite struct ScrapeTests {
    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/scrape/\(name)", withExtension: nil)!
    }

    func source(_ selectors: [String: String], id: String = "partner") -> SourceDefinition {
        SourceDefinition(id: id, title: "Partner", plugin: "scrape", url: "x", kind: RecordKind.partner, file: "feeds/\(id).json",
                         settings: ["selectors": .object(selectors.mapValues(JSONValue.string))])
    }

    let newsSelectors = ["item": "//div[@class='eintrag']", "title": ".//h3", "link": ".//h3/a/@href",
                         "date": ".//span[@class='datum']", "summary": ".//p[1]"]

    /// Scrapes the fixture `name` as if it had been fetched from `url`.
    func scrape(_ name: String, url: String, contentType: String? = nil, selectors: [String: String]) throws -> PageScraper.Result {
        let definition = source(selectors)
        let page = FetchedDocument(data: try Data(contentsOf: Self.fixture(name)), contentType: contentType, url: URL(string: url)!)
        return try PageScraper(selectors: ScrapeSelectors(source: definition), source: definition).scrape(page)
    }

    @Test func itemsGetTitleAbsoluteLinkGermanDateAndPlainSummary() throws {
        let result = try scrape("aktuelles.html", url: "https://www.kommune360.de/aktuelles/", selectors: newsSelectors)
        let first = try #require(result.records.first)
        #expect(first.title == "K360-Herbstforum & Netzwerktreffen")
        #expect(first.link == "https://www.kommune360.de/aktuelles/k360-herbstforum/")
        #expect(first.published == "2022-11-29T11:00:00Z")
        #expect(first.issued == IssuedDate(year: 2022, month: 11, day: 29))
        #expect(first.summary == "Erfurt/04.11.2022. Das Herbstforum brachte Kommunen und Träger zusammen.")
        #expect(first.type == "post")
        #expect(first.containerTitle == "Aktuelles – Kommune 360°")
        #expect(first.language == "de")
        #expect(result.records[1].link == "https://www.kommune360.de/blog/sozialplanung-thueringen/")
        #expect(result.records[1].published == "2023-01-04T11:00:00Z")
    }

    @Test func itemWithoutTitleIsSkippedAndReportedByNumber() throws {
        let result = try scrape("aktuelles.html", url: "https://www.kommune360.de/aktuelles/", selectors: newsSelectors)
        #expect(result.records.map(\.title) == ["K360-Herbstforum & Netzwerktreffen", "Sozialplanung in Thüringen", "Ohne gültigen Link"])
        #expect(result.problems.contains { $0.message.hasPrefix("item 3 has no title") && $0.line == 21 })
    }

    @Test func unreadableDateIsReportedAndScriptLinkDropped() throws {
        let result = try scrape("aktuelles.html", url: "https://www.kommune360.de/aktuelles/", selectors: newsSelectors)
        let last = try #require(result.records.last)
        #expect(last.link == nil)
        #expect(last.published == nil)
        #expect(result.problems.contains { $0.message == "item 4: \"irgendwann\" is not a date Archivar understands" })
    }

    @Test func idsAreStableAndFollowTheLinkElseTheTitle() throws {
        let first = try scrape("aktuelles.html", url: "https://www.kommune360.de/aktuelles/", selectors: newsSelectors).records
        let second = try scrape("aktuelles.html", url: "https://www.kommune360.de/aktuelles/", selectors: newsSelectors).records
        #expect(first.map(\.id) == second.map(\.id))
        #expect(first[0].id == RecordIdentity.feedItemID(source: "partner", guid: "https://www.kommune360.de/aktuelles/k360-herbstforum/"))
        #expect(first[2].id == RecordIdentity.feedItemID(source: "partner", guid: "Ohne gültigen Link"))
    }

    @Test func baseElementDecidesWhereRelativeLinksPoint() throws {
        let result = try scrape("basis.html", url: "https://elsewhere.example/seite.html",
                                selectors: ["item": "//li[@class='p']", "title": "./a", "link": "./a/@href", "date": ".//time/@datetime"])
        #expect(result.records.map(\.link) == ["https://archiv.example/projekte/eins.html", "https://archiv.example/zwei.html"])
        #expect(result.records[0].published == "2019-05-02T08:00:00Z")
        #expect(result.problems.isEmpty)
    }

    @Test func windows1252PageDeclaredInTheMetaIsReadAsUTF8() throws {
        let result = try scrape("windows-1252.html", url: "https://partner.example/", selectors: ["item": "//div[@class='item']", "title": "h2", "summary": "p"])
        #expect(result.records.first?.title == "„Förderplan“ für 5 €")
        #expect(result.records.first?.summary == "März-Ausgabe – über Jugendhilfe.")
        #expect(result.records.first?.containerTitle == "Grüße")
    }

    @Test func charsetFromTheHTTPHeaderIsHonoured() throws {
        let result = try scrape("windows-1252-ohne-meta.html", url: "https://partner.example/", contentType: "text/html; charset=\"Windows-1252\"",
                                selectors: ["item": "//div[@class='item']", "title": "h2"])
        #expect(result.records.first?.title == "„Förderplan“ für 5 €")
    }

    @Test func selectorMatchingNothingIsAProblemNotSilence() throws {
        let result = try scrape("aktuelles.html", url: "https://www.kommune360.de/aktuelles/", selectors: ["item": "//article", "title": ".//h2"])
        #expect(result.records.isEmpty)
        #expect(result.problems.map(\.message) == ["the item selector \"//article\" matched nothing — has the page changed?"])
    }

    @Test func invalidXPathFailsTheSourceNamingKeyAndExpression() throws {
        let error = try #require(throws: ArchivarError.self) {
            try ScrapeSelectors(source: source(["item": "//div", "title": ".//h3[", "link": "@href"]))
        }
        #expect(error.path == "feeds/partner.json")
        #expect(error.location == "key \"selectors.title\"")
        #expect(error.message == "\".//h3[\" is not a valid XPath expression: Invalid expression")
    }

    @Test func missingItemSelectorIsNamed() throws {
        let error = try #require(throws: ArchivarError.self) { try ScrapeSelectors(source: source(["title": ".//h3"])) }
        #expect(error.location == "key \"selectors.item\"")
    }

    @Test func bundledINSOPageYieldsItsFiveProjects() async throws {
        let definition = try SourceDefinition.load(from: Repository.root.appendingPathComponent("feeds/inso.json"))
        let output = IngestOutput()
        let context = IngestContext(source: definition, location: definition.location(root: Repository.root),
                                    fetcher: Fetcher(userAgent: "ScrapeTests"),
                                    emit: { output.append($0) }, report: { output.append(problem: $0) })
        let plugin = try #require(ScrapePlugin.plugins.first { $0.name == "scrape" })
        try await plugin.ingestBody?(context)
        #expect(output.problems.isEmpty)
        let scraped = output.records
        #expect(scraped.count == 5)
        #expect(scraped.first?.title == "Konzept und Umsetzung Integrierte Sozialplanung Stadt Dorsten, 2016-2017")
        #expect(scraped.allSatisfy { $0.link?.hasPrefix("https://www.inso-institut.de/projekte/") == true })
        #expect(scraped.allSatisfy { $0.published != nil && $0.summary?.isEmpty == false })
        #expect(!scraped.contains { $0.title == "Aktuelle Kunden:" })
    }
}

/// Records and problems handed to an ingest context's callbacks.
private final class IngestOutput: @unchecked Sendable {
    // @unchecked: both arrays are only touched under `lock`.
    private let lock = NSLock()
    private var storedRecords: [Record] = []
    private var storedProblems: [Problem] = []
    func append(_ record: Record) { lock.withLock { storedRecords.append(record) } }
    func append(problem: Problem) { lock.withLock { storedProblems.append(problem) } }
    var records: [Record] { lock.withLock { storedRecords } }
    var problems: [Problem] { lock.withLock { storedProblems } }
}
