import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// `archivar sources import FILE.opml` and `archivar sources export` through the built binary.
@Suite struct OPMLTests {
    static let partnerList = Repository.root.appendingPathComponent("Tests/PluginTests/Fixtures/opml/partner.opml")

    func site() throws -> ArchivarSite {
        let site = try ArchivarSite()
        try FileManager.default.copyItem(at: Self.partnerList, to: site.directory.file("partner.opml"))
        return site
    }

    @Test func importCreatesOneSourcePerFeedFromEveryLevel() throws {
        let site = try site()
        // A file with the id the third feed would get: it must stay untouched.
        let taken = #"{ "id": "jugendgerechte-kommune", "title": "Eigene Quelle", "plugin": "rss", "url": "https://example.org/eigen.rss" }"#
        try site.directory.write(taken, to: "feeds/jugendgerechte-kommune.json")

        let outcome = try site.run("sources", "import", "partner.opml")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("created feeds/kommune-360.json: Kommune 360° <https://www.kommune360.de/feed/>"))
        #expect(outcome.stdout.contains("created feeds/ijab-fachstelle-fuer-internationale.json"))
        #expect(outcome.stdout.contains("created feeds/jugendgerechte-kommune-2.json: Jugendgerechte Kommune"))
        #expect(outcome.stdout.contains("skipped Kommune 360° (doppelt) <https://www.kommune360.de/feed/>: already present as kommune-360"))
        #expect(outcome.stdout.contains("3 source(s) created, 1 skipped, 1 problem(s)"))
        #expect(outcome.stderr.contains("partner.opml:line 14: outline \"Nur ein Lesezeichen\" has no xmlUrl: skipped"))

        let created = try SourceDefinition.load(from: site.directory.file("feeds/kommune-360.json"))
        #expect(created.title == "Kommune 360°")
        #expect(created.plugin == "rss")
        #expect(created.kind == "partner")
        #expect(created.interval == 3600)
        #expect(created.url == "https://www.kommune360.de/feed/")
        #expect(try String(contentsOf: site.directory.file("feeds/jugendgerechte-kommune.json"), encoding: .utf8) == taken)

        let sources = try site.run("sources")
        #expect(sources.status == 0, "\(sources.stderr)")
        #expect(sources.stdout.contains("ijab-fachstelle-fuer-internationale"))
    }

    @Test func importingAgainCreatesNothing() throws {
        let site = try site()
        #expect(try site.run("sources", "import", "partner.opml").status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: site.directory.file("feeds").path).sorted()

        let again = try site.run("sources", "import", "partner.opml")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 source(s) created, 4 skipped"))
        #expect(!again.stdout.contains("created feeds/"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.directory.file("feeds").path).sorted() == files)
    }

    @Test func exportListsTheFeedSourcesAndReimportsAsAlreadyPresent() throws {
        let site = try site()
        #expect(try site.run("sources", "import", "partner.opml").status == 0)

        let export = try site.run("sources", "export")
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<opml version=\"2.0\">"))
        #expect(export.stdout.contains(#"<outline type="rss" text="Kommune 360°" title="Kommune 360°" xmlUrl="https://www.kommune360.de/feed/" htmlUrl="https://www.kommune360.de/"/>"#))
        #expect(export.stdout.contains(#"title="IKPE – Neues aus dem Institut""#))
        #expect(!export.stdout.contains("IN/S/O"), "a scrape source is no feed to subscribe to")
        #expect(export.stderr.contains("inso (scrape)"))

        try site.directory.write(export.stdout, to: "export.opml")
        let reimport = try site.run("sources", "import", "export.opml")
        #expect(reimport.status == 0, "\(reimport.stderr)")
        #expect(reimport.stdout.contains("0 source(s) created, 5 skipped, 0 problem(s)"))
    }

    @Test func unreadableFilesFailWithTheirName() throws {
        let site = try site()
        let missing = try site.run("sources", "import", "fehlt.opml")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("fehlt.opml"))

        try site.directory.write("Kommune 360, IJAB", to: "liste.txt")
        let notXML = try site.run("sources", "import", "liste.txt")
        #expect(notXML.status == 1)
        #expect(notXML.stderr.contains("liste.txt"))
        #expect(notXML.stderr.contains("is not OPML"))

        try site.directory.write("<opml version=\"2.0\">\n<head><title>x</title></head>\n</opml>", to: "leer.opml")
        let noBody = try site.run("sources", "import", "leer.opml")
        #expect(noBody.status == 1)
        #expect(noBody.stderr.contains("leer.opml:line 1: <opml> has no <body>"))
    }

    @Test func unknownSourcesActionIsBadUsage() throws {
        let outcome = try site().run("sources", "sync")
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("usage: archivar [--config FILE] [--state DIR] sources [import FILE.opml | export]"))
    }
}
