import ArchivarCore
import ArchivarStore
import ArchivarTestSupport
import ArchivarWeb
import Foundation
import OAIPMH
import Testing

/// A partner's OAI-PMH repository on 127.0.0.1, harvested into a real catalog.
private final class OAIRepository: Sendable {
    let server: PartnerServer
    let temporary: TemporaryDirectory
    let catalog: Catalog
    let pipeline: Pipeline
    let source: SourceDefinition

    init(set: String? = nil) throws {
        server = try PartnerServer()
        temporary = try TemporaryDirectory("oai-test")
        catalog = try Catalog(file: temporary.file("catalog.sqlite"))
        var config = SiteConfig(root: temporary.url)
        config.pipeline = []
        pipeline = try Pipeline(config: config, registry: PluginRegistry([OAIPMHPlugin.plugins]), catalog: catalog, logger: .silent)
        var settings: [String: JSONValue] = ["id": .string("repo"), "plugin": .string("oai-pmh")]
        settings["set"] = set.map { .string($0) }
        source = SourceDefinition(id: "repo", title: "Repository", plugin: "oai-pmh", url: server.url("/oai").absoluteString,
                                  kind: RecordKind.publication, file: "feeds/repo.json", settings: settings)
    }

    /// Answers `ListRecords` with `first` for a request without a token, and with
    /// `pages[token]` for a resumption token.
    func answer(first: String, pages: [String: String] = [:]) {
        server.route("/oai") { request in
            let name = request.queryValue("resumptionToken").map { pages[$0] ?? "bad-token.xml" } ?? first
            return HTTPResponse(status: .ok, headers: ["Content-Type": "text/xml; charset=utf-8"], body: Self.fixture(name))
        }
    }

    func harvest() async -> SourceResult {
        await pipeline.harvest([source]).results[0]
    }

    /// The queries received, oldest first, then forgotten.
    func takeRequests() -> [HTTPRequest] {
        defer { server.clearRequests() }
        return server.requests(for: "/oai")
    }

    func record(_ oaiIdentifier: String) throws -> Record? {
        try catalog.record(id: RecordIdentity.feedItemID(source: source.id, guid: oaiIdentifier))
    }

    static func fixture(_ name: String) -> Data {
        (try? Data(contentsOf: Bundle.module.url(forResource: "Fixtures/oai/\(name)", withExtension: nil)!)) ?? Data()
    }
}

@Suite struct OAIPMHTests {
    private let threePages = ["ikpe/2+a=": "page2.xml", "ikpe-3": "page3.xml"]

    @Test func followsResumptionTokensAndStoresEveryRecord() async throws {
        let repository = try OAIRepository(set: "ikpe")
        repository.answer(first: "page1.xml", pages: threePages)
        let result = await repository.harvest()
        #expect(result.error == nil)
        #expect(try repository.catalog.recordCount() == 4)
        let requests = repository.takeRequests()
        #expect(requests.count == 3)
        #expect(requests[0].queryValue("verb") == "ListRecords")
        #expect(requests[0].queryValue("metadataPrefix") == "oai_dc")
        #expect(requests[0].queryValue("set") == "ikpe")
        #expect(requests[0].queryValue("resumptionToken") == nil)
        #expect(requests[1].queryValue("resumptionToken") == "ikpe/2+a=")
        #expect(requests[1].queryValue("metadataPrefix") == nil)
        #expect(requests[2].queryValue("resumptionToken") == "ikpe-3")
    }

    @Test func secondHarvestAsksOnlyForChangesSinceTheFirst() async throws {
        let repository = try OAIRepository()
        repository.answer(first: "page1.xml", pages: threePages)
        _ = await repository.harvest()
        _ = repository.takeRequests()
        repository.answer(first: "no-records.xml")
        _ = await repository.harvest()
        let requests = repository.takeRequests()
        #expect(requests.count == 1)
        #expect(requests[0].queryValue("from") == "2024-05-03T10:15:00Z")
        #expect(requests[0].queryValue("metadataPrefix") == "oai_dc")
        #expect(requests[0].queryValue("resumptionToken") == nil)
    }

    @Test func repositoryWithDayDatestampsGetsADayAsFrom() async throws {
        let repository = try OAIRepository()
        repository.answer(first: "day-granularity.xml")
        _ = await repository.harvest()
        _ = repository.takeRequests()
        _ = await repository.harvest()
        #expect(repository.takeRequests().first?.queryValue("from") == "2024-05-03")
    }

    @Test func deletedHeaderRemovesTheStoredRecord() async throws {
        let repository = try OAIRepository()
        repository.answer(first: "page1.xml", pages: threePages)
        _ = await repository.harvest()
        #expect(try repository.record("oai:repo.example:1002") != nil)
        repository.answer(first: "deleted.xml")
        let result = await repository.harvest()
        #expect(result.error == nil)
        #expect(result.tally.withdrawn == 1)
        #expect(try repository.record("oai:repo.example:1002") == nil)
        #expect(try repository.record("oai:repo.example:1001") != nil)
    }

    @Test func noRecordsMatchIsAnEmptySuccessAndTheCursorAdvances() async throws {
        let repository = try OAIRepository()
        repository.answer(first: "no-records.xml")
        let result = await repository.harvest()
        #expect(result.error == nil)
        #expect(result.problems.isEmpty)
        #expect(try repository.catalog.recordCount() == 0)
        #expect(try repository.catalog.sourceStates()["repo"]?.cursor == "2024-05-10")
    }

    @Test func badResumptionTokenFailsNamingTheCodeAndKeepsEarlierRecords() async throws {
        let repository = try OAIRepository()
        repository.answer(first: "page3.xml")
        _ = await repository.harvest()
        repository.answer(first: "page1.xml", pages: [:])
        let result = await repository.harvest()
        let error = try #require(result.error)
        #expect(error.description.contains("badResumptionToken"))
        #expect(error.description.contains("invalid or expired"))
        #expect(try repository.record("oai:repo.example:3001") != nil)
        #expect(try repository.record("oai:repo.example:1001") == nil)
        #expect(try repository.catalog.sourceStates()["repo"]?.cursor == "2024-05-03T10:15:02Z")
    }

    @Test func dublinCoreBecomesCSLFields() async throws {
        let repository = try OAIRepository()
        repository.answer(first: "page1.xml", pages: threePages)
        _ = await repository.harvest()

        let book = try #require(try repository.record("oai:repo.example:1001"))
        #expect(book.title == "Unbegleitete minderjährige Flüchtlinge. „In erster Linie Kinder und Jugendliche!“")
        #expect(book.authors == [Name(family: "Fischer", given: "Jörg"), Name(family: "Graßhoff", given: "Gunther")])
        #expect(book.year == 2016)
        #expect(book.type == "book")
        #expect(book.isbn == "978-3-7799-3344-4")
        #expect(book.url == "https://repo.example/handle/1001")
        #expect(book.publisher == "Juventa")
        #expect(book.text("keyword") == "Flüchtlinge, Jugendhilfe")
        #expect(book.abstract == "1. Sonderband 2016 der Zeitschrift „Sozialmagazin“.")
        #expect(book.language == "de")
        #expect(book.text("oai-identifier") == "oai:repo.example:1001")
        #expect(book.source == "repo")

        let article = try #require(try repository.record("oai:repo.example:2001"))
        #expect(article.type == "article-journal")
        #expect(article.doi == "10.3262/SM2309012")
        #expect(article.containerTitle == "Sozialmagazin")
        #expect(article.issued == IssuedDate(year: 2023, month: 9))
        #expect(article.authors.first == Name(family: "Fischer", given: "Jörg"))

        let report = try #require(try repository.record("oai:repo.example:3001"))
        #expect(report.type == "report")
        #expect(report.doi == "10.5555/ikpe.2020.1")
    }

    @Test func answerThatIsNotOAIPMHFailsTheSource() async throws {
        let repository = try OAIRepository()
        repository.server.route("/oai") { _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "text/html"], body: Data("<html><body>Wartung</body></html>".utf8))
        }
        let error = try #require(await repository.harvest().error)
        #expect(error.description.contains("not an OAI-PMH response"))
        #expect(error.description.contains("<html>"))
    }

    @Test func repeatedResumptionTokenStopsWithAProblemAndKeepsTheRecords() async throws {
        let repository = try OAIRepository()
        repository.answer(first: "page1.xml", pages: ["ikpe/2+a=": "page1.xml"])
        let result = await repository.harvest()
        #expect(result.error == nil)
        #expect(result.problems.contains { $0.message.contains("a second time") })
        #expect(repository.takeRequests().count == 2)
        #expect(try repository.record("oai:repo.example:1001") != nil)
        #expect(try repository.catalog.sourceStates()["repo"]?.cursor == nil)
    }
}
