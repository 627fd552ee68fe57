import ArchivarCore
import ArchivarStore
import ArchivarTestSupport
import ArchivarWeb
import Feeds
import Foundation
import Synchronization
import Testing

/// A harvest asks several partners' servers at once (`ReadSchedule`), real HTTP on 127.0.0.1
/// into a real catalog: a slow partner does not hold up the others, and the sources are
/// still stored and reported in their order.
@Suite struct HarvestConcurrencyTests {
    @Test func aSlowServerDoesNotHoldUpTheNextServer() async throws {
        let slow = try PartnerServer(), quick = try PartnerServer()
        let quickWasAsked = DispatchSemaphore(value: 0)
        let answeredAfterQuick = Mutex<Bool?>(nil)
        // The slow partner answers only once the quick one has been asked (or after 10 s):
        // read one after the other, the quick partner would be asked only after that answer.
        slow.route("/slow.rss") { _ in
            let overlapped = quickWasAsked.wait(timeout: .now() + 10) == .success
            answeredAfterQuick.withLock { $0 = overlapped }
            return HTTPResponse(status: .ok, headers: ["Content-Type": "application/rss+xml"], body: Self.feed("S"))
        }
        quick.route("/quick.rss") { _ in
            quickWasAsked.signal()
            return HTTPResponse(status: .ok, headers: ["Content-Type": "application/rss+xml"], body: Self.feed("Q"))
        }
        let temporary = try TemporaryDirectory("harvest-concurrency")
        let catalog = try Catalog(file: temporary.file("catalog.sqlite"))
        var config = SiteConfig(root: temporary.url)
        config.pipeline = []
        let pipeline = try Pipeline(config: config, registry: PluginRegistry([FeedsPlugin.plugins]), catalog: catalog, logger: .silent)

        let report = await pipeline.harvest([Self.source("slow", slow.url("/slow.rss")), Self.source("quick", quick.url("/quick.rss"))])

        #expect(answeredAfterQuick.withLock { $0 } == true, "the quick partner was asked only after the slow one answered")
        #expect(report.results.map(\.source) == ["slow", "quick"])
        #expect(report.results.map(\.tally.inserted) == [2, 2])
        #expect(try catalog.recordCount() == 4)
    }

    static func source(_ id: String, _ url: URL) -> SourceDefinition {
        SourceDefinition(id: id, title: id, plugin: "rss", url: url.absoluteString, kind: RecordKind.partner,
                         file: "feeds/\(id).json", settings: ["id": .string(id), "plugin": .string("rss")])
    }

    static func feed(_ prefix: String) -> Data {
        Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Partner \(prefix)</title><link>https://partner.example/</link>
            <item><guid>urn:test:\(prefix)1</guid><title>Beitrag \(prefix)1</title><link>https://partner.example/\(prefix)/1</link></item>
            <item><guid>urn:test:\(prefix)2</guid><title>Beitrag \(prefix)2</title><link>https://partner.example/\(prefix)/2</link></item>
            </channel></rss>
            """.utf8)
    }
}
