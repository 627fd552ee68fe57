import ArchivarTestSupport
import Foundation
import Testing
import ArchivarCore
import ArchivarStore
@testable import HTMLPublisher

/// A real catalog in its own temp directory, filled with records and published by a
/// sink into `output`. Shared by the HTML and Atom publisher tests.
struct PublisherTestArchive {
    /// Removed when the last copy of the archive value goes away.
    let temporary: TemporaryDirectory
    var directory: URL { temporary.url }
    let catalog: Catalog
    var config: SiteConfig
    var sources: [SourceDefinition] = []

    init() throws {
        temporary = try TemporaryDirectory("publisher-test")
        catalog = try Catalog(file: temporary.file("c.sqlite"))
        config = SiteConfig(root: temporary.url)
        config.baseURL = "https://archiv.example.org/ikpe/"
    }

    /// Stores records given as CSL-JSON objects.
    func add(_ jsonObjects: [String]) async throws {
        let records = try jsonObjects.map { try Record(json: JSONValue.parse(Data($0.utf8))) }
        try await add(records)
    }

    func add(_ records: [Record]) async throws {
        try await catalog.transaction {
            for record in records {
                _ = try catalog.upsert(record, origin: RecordOrigin(source: "s", itemID: record.id))
            }
        }
    }

    /// Runs `plugin`'s sink into a fresh output folder named `name` and returns it.
    @discardableResult
    func publish(_ plugin: Plugin, into name: String = "out", now: Date = Date()) async throws -> URL {
        let output = directory.appendingPathComponent(name, isDirectory: true)
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let sink = try #require(plugin.sinkBody, "\(plugin.name) is not a sink")
        try await sink(PublishContext(catalog: catalog, config: config, output: output, now: now, sources: sources))
        return output
    }

    /// The text of a published file.
    func read(_ path: String, in output: String = "out") throws -> String {
        try String(contentsOf: directory.appendingPathComponent(output).appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String, in output: String = "out") -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(output).appendingPathComponent(path).path)
    }
}

extension String {
    /// The offset of the first occurrence of `text`, for checking what comes first on a page.
    func offset(of text: String) -> Int? {
        range(of: text).map { distance(from: startIndex, to: $0.lowerBound) }
    }

    /// How often `text` occurs.
    func occurrences(of text: String) -> Int {
        components(separatedBy: text).count - 1
    }
}

@Suite struct HTMLPublisherTests {
    let html = HTMLPublisherPlugin.plugins[0]

    static let handbuch = """
        {"id": "fischer2022handbuch", "type": "book", "title": "Handbuch Kommunale Planung und Steuerung",
         "editor": [{"family": "Fischer", "given": "Jörg"}, {"family": "Huber", "given": "Stefan"}],
         "issued": {"date-parts": [[2022]]}, "publisher": "Juventa", "publisher-place": "Weinheim",
         "ISBN": "978-3-7799-6543-2", "kind": "publication", "category": "Monographien und Herausgeberschaften"}
        """
    static let aufsatz = """
        {"id": "fischer2019netzwerke", "type": "article-journal", "title": "Netzwerke in der Sozialplanung",
         "author": [{"family": "Fischer", "given": "Jörg"}, {"family": "Kosellek", "given": "Tobias"}],
         "issued": {"date-parts": [[2019, 5, 3]]}, "container-title": "Sozialmagazin", "volume": "44",
         "issue": "3", "page": "12-19", "DOI": "10.1234/sm.2019.3", "kind": "publication",
         "category": "Beiträge in Zeitschriften und Sammelwerken", "abstract": "Wie Netzwerke planen."}
        """
    static let presse = """
        {"id": "ikpe-news-abc123", "type": "post", "title": "Kinder- und Jugendhilfetag in Leipzig",
         "published": "2025-05-13T12:00:00+02:00", "link": "https://www.ikpe-erfurt.de/aktuelles/jugendhilfetag/",
         "summary": "Wir sind dabei.", "content": "<p>Wir sind <em>dabei</em>.</p>", "kind": "press", "source": "ikpe-news"}
        """

    @Test func everyRecordGetsItsOwnPage() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add([Self.handbuch, Self.aufsatz, Self.presse])
        try await archive.publish(html)

        for (id, title) in [("fischer2022handbuch", "Handbuch Kommunale Planung und Steuerung"),
                            ("fischer2019netzwerke", "Netzwerke in der Sozialplanung"),
                            ("ikpe-news-abc123", "Kinder- und Jugendhilfetag in Leipzig")] {
            let page = try archive.read("records/\(id)/index.html")
            #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"de\">"))
            #expect(page.contains("<h1>\(title)</h1>"), "record page of \(id) shows its title")
        }
        let handbuch = try archive.read("records/fischer2022handbuch/index.html")
        #expect(handbuch.contains("Fischer, Jörg/Huber, Stefan (Hrsg.) (2022): Handbuch Kommunale Planung und Steuerung. Weinheim: Juventa."))
        #expect(handbuch.contains(#"<dt>Herausgeber:innen</dt><dd><a href="../../authors/fischer-joerg/">Jörg Fischer</a>, <a href="../../authors/huber-stefan/">Stefan Huber</a></dd>"#))
        #expect(handbuch.contains("<dt>Typ</dt><dd>Buch</dd>"))
        #expect(handbuch.contains("<dt>Kategorie</dt><dd>Monographien und Herausgeberschaften</dd>"))
    }

    @Test func publicationsPageGroupsByCategoryThenYearNewestFirst() async throws {
        let archive = try PublisherTestArchive()
        let older = """
            {"id": "fischer2016unbegleitete", "type": "book", "title": "Unbegleitete minderjährige Flüchtlinge",
             "editor": [{"family": "Fischer", "given": "Jörg"}], "issued": {"date-parts": [[2016]]},
             "kind": "publication", "category": "Monographien und Herausgeberschaften"}
            """
        let uncategorized = """
            {"id": "ohne2020", "type": "report", "title": "Bericht ohne Kategorie", "issued": {"date-parts": [[2020]]}, "kind": "publication"}
            """
        try await archive.add([older, Self.presse, Self.handbuch, uncategorized, Self.aufsatz])
        try await archive.publish(html)
        let page = try archive.read("publications/index.html")

        let beitraege = try #require(page.offset(of: ">Beiträge in Zeitschriften und Sammelwerken</h2>"))
        let monographien = try #require(page.offset(of: ">Monographien und Herausgeberschaften</h2>"))
        let weitere = try #require(page.offset(of: ">Weitere Publikationen</h2>"))
        #expect(beitraege < monographien && monographien < weitere, "categories alphabetical, uncategorized last")

        let year2022 = try #require(page.offset(of: "<h3>2022</h3>"))
        let year2016 = try #require(page.offset(of: "<h3>2016</h3>"))
        #expect(monographien < year2022 && year2022 < year2016 && year2016 < weitere, "years newest first within the category")

        #expect(page.contains("<a href=\"../records/fischer2016unbegleitete/\">Fischer, Jörg (Hrsg.) (2016): Unbegleitete minderjährige Flüchtlinge.</a>"))
        #expect(!page.contains("Kinder- und Jugendhilfetag"), "press items are not publications")
    }

    @Test func titleWithScriptTagShowsAsText() async throws {
        let archive = try PublisherTestArchive()
        var record = Record(id: "boese2024")
        record.title = "Planung <script>alert(\"x\")</script> & Steuerung"
        record.kind = RecordKind.publication
        record.issued = IssuedDate(year: 2024)
        try await archive.add([record])
        try await archive.publish(html)

        for path in ["records/boese2024/index.html", "index.html", "publications/index.html"] {
            let page = try archive.read(path)
            #expect(page.contains("Planung &lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; Steuerung"), "\(path) shows the title as text")
            #expect(!page.contains("<script>alert"), "\(path) runs no script from the title")
        }
    }

    @Test func recordPageCarriesHighwireTags() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add([Self.aufsatz, Self.handbuch])
        try await archive.publish(html)

        let article = try archive.read("records/fischer2019netzwerke/index.html")
        for tag in [
            #"<meta name="citation_title" content="Netzwerke in der Sozialplanung">"#,
            #"<meta name="citation_author" content="Fischer, Jörg">"#,
            #"<meta name="citation_author" content="Kosellek, Tobias">"#,
            #"<meta name="citation_publication_date" content="2019/05/03">"#,
            #"<meta name="citation_journal_title" content="Sozialmagazin">"#,
            #"<meta name="citation_volume" content="44">"#,
            #"<meta name="citation_firstpage" content="12">"#,
            #"<meta name="citation_lastpage" content="19">"#,
            #"<meta name="citation_doi" content="10.1234/sm.2019.3">"#,
            #"<link rel="canonical" href="https://archiv.example.org/ikpe/records/fischer2019netzwerke/">"#,
        ] {
            #expect(article.contains(tag), "missing \(tag)")
        }
        #expect(article.contains(#"<a href="https://doi.org/10.1234/sm.2019.3" rel="external">Zum Original</a>"#))

        let book = try archive.read("records/fischer2022handbuch/index.html")
        #expect(book.contains(#"<meta name="citation_isbn" content="978-3-7799-6543-2">"#))
        #expect(book.contains(#"<meta name="citation_publisher" content="Juventa">"#))
        #expect(book.contains(#"<meta name="citation_editor" content="Huber, Stefan">"#))
    }

    @Test func jsonLDCannotCloseItsScriptElement() async throws {
        let archive = try PublisherTestArchive()
        var record = Record(id: "ld2024")
        record.title = "</script><script>alert(1)</script> <!-- Kommentar"
        record.authors = [Name(family: "Fischer", given: "Jörg")]
        record.issued = IssuedDate(year: 2024, month: 2)
        record.type = "book"
        try await archive.add([record])
        try await archive.publish(html)
        let page = try archive.read("records/ld2024/index.html")

        let opening = #"<script type="application/ld+json">"#
        let start = try #require(page.range(of: opening))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let json = String(page[start.upperBound..<end.lowerBound])
        #expect(!json.contains("<") && json.contains(#"\u003c/script\u003e"#))
        #expect(page.occurrences(of: "</script>") == 1, "only the JSON-LD element's own end tag")

        let object = try #require(try JSONValue.parse(Data(json.utf8)).object)
        #expect(object["@type"] == .string("Book"))
        #expect(object["name"] == .string("</script><script>alert(1)</script> <!-- Kommentar"))
        #expect(object["datePublished"] == .string("2024-02"))
        #expect(object["url"] == .string("https://archiv.example.org/ikpe/records/ld2024/"))
        #expect(object["author"]?.array?.first?.object?["familyName"] == .string("Fischer"))
    }

    @Test func homePageListsTheLatestTwentyAcrossKinds() async throws {
        let archive = try PublisherTestArchive()
        let records = (1...25).map { day in
            var record = Record(id: String(format: "eintrag-%02d", day))
            record.title = "Eintrag \(day)"
            record.kind = day.isMultiple(of: 2) ? RecordKind.press : RecordKind.partner
            record.source = "quelle"
            record.published = String(format: "2024-03-%02dT10:00:00Z", day)
            record.authors = [Name(family: "Weber", given: "Nancy")]
            return record
        }
        try await archive.add(records)
        try await archive.publish(html)
        let page = try archive.read("index.html")

        #expect(page.occurrences(of: "<li><a href=\"records/eintrag-") == 20)
        let newest = try #require(page.offset(of: ">Eintrag 25</a>"))
        let sixth = try #require(page.offset(of: ">Eintrag 6</a>"))
        #expect(newest < sixth, "newest first")
        #expect(!page.contains(">Eintrag 5</a>"), "only the latest twenty")
        #expect(page.contains(#"<span class="meta">Partner · <time datetime="2024-03-25">25.03.2024</time> · <a href="authors/weber-nancy/">Nancy Weber</a></span>"#))
        #expect(page.contains(#"<span class="meta">Presse · <time datetime="2024-03-24">24.03.2024</time> · <a href="authors/weber-nancy/">Nancy Weber</a></span>"#))
    }

    @Test func partnerPagesHaveOneSectionPerSource() async throws {
        var archive = try PublisherTestArchive()
        archive.sources = [
            SourceDefinition(id: "kommune360", title: "Kommune 360°", plugin: "rss", url: "k.atom", kind: RecordKind.partner),
            SourceDefinition(id: "inso", title: "IN/S/O – Projekte", plugin: "rss", url: "i.rss", kind: RecordKind.partner),
            SourceDefinition(id: "ikpe-news", title: "IKPE – Neues", plugin: "rss", url: "n.rss", kind: RecordKind.press),
        ]
        var segregation = Record(id: "kommune360-1")
        segregation.title = "Soziale Durchmischung und Segregation"
        segregation.kind = RecordKind.partner
        segregation.source = "kommune360"
        segregation.published = "2023-01-11T12:00:00+01:00"
        try await archive.add([segregation])
        try await archive.publish(html)

        let overview = try archive.read("partners/index.html")
        #expect(overview.contains(#"<a href="../partners/kommune360/">Kommune 360°</a></h2>"#))
        #expect(overview.contains(#"<a href="../partners/inso/">IN/S/O – Projekte</a></h2>"#), "a defined partner without entries yet")
        #expect(!overview.contains("IKPE – Neues"), "press sources are not partners")
        #expect(overview.contains(#"<a href="../records/kommune360-1/">Soziale Durchmischung und Segregation</a>"#))
        #expect(overview.contains(#"<a href="../partners/kommune360/">Alle Einträge (1)</a>"#))

        let source = try archive.read("partners/kommune360/index.html")
        #expect(source.contains("<h1>Kommune 360°</h1>"))
        #expect(source.contains(#"<a href="../../records/kommune360-1/">Soziale Durchmischung und Segregation</a>"#))
        #expect(archive.exists("partners/inso/index.html"))

        let record = try archive.read("records/kommune360-1/index.html")
        #expect(record.contains(#"<dt>Quelle</dt><dd><a href="../../partners/kommune360/">Kommune 360°</a></dd>"#))
    }

    @Test func pressListIsPaginatedAtOneHundred() async throws {
        let archive = try PublisherTestArchive()
        let records = (1...101).map { number in
            var record = Record(id: "news-\(number)")
            record.title = "Meldung \(number)"
            record.kind = RecordKind.press
            record.published = String(format: "2024-01-01T%02d:%02d:00Z", number / 60, number % 60)
            return record
        }
        try await archive.add(records)
        try await archive.publish(html)

        let first = try archive.read("press/index.html")
        let second = try archive.read("press/2/index.html")
        #expect(first.occurrences(of: "<li><a href=\"../records/news-") == 100)
        #expect(first.contains(#"<a href="../press/2/" rel="next">Nächste Seite</a>"#))
        #expect(second.contains(#"<a href="../../records/news-1/">Meldung 1</a>"#), "the oldest item is on page two")
        #expect(second.contains(#"<a href="../../press/" rel="prev">Vorherige Seite</a>"#))
    }

    @Test func linksAreRelativeToTheArchiveRoot() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add([Self.handbuch])
        try await archive.publish(html)

        for (path, root) in [("index.html", ""), ("publications/index.html", "../"),
                             ("records/fischer2022handbuch/index.html", "../../"), ("search/index.html", "../")] {
            let page = try archive.read(path)
            #expect(page.contains("href=\"\(root)style.css\""), "\(path) links the stylesheet from its own depth")
            #expect(!page.contains("href=\"/") && !page.contains("action=\"/"), "\(path) has no root-absolute links")
        }
        #expect(try archive.read("404.html").contains(#"href="/ikpe/style.css""#), "404 links from the site path")
    }

    @Test func recordContentIsEmbeddedAndUnsafeLinksAreNot() async throws {
        let archive = try PublisherTestArchive()
        var record = try Record(json: JSONValue.parse(Data(Self.presse.utf8)))
        record.link = "javascript:alert(1)"
        try await archive.add([record])
        try await archive.publish(html)
        let page = try archive.read("records/ikpe-news-abc123/index.html")

        #expect(page.contains(#"<div class="content"><p>Wir sind <em>dabei</em>.</p></div>"#))
        #expect(!page.contains("javascript:"), "a javascript: link is never linked")
        #expect(page.contains(#"<time datetime="2025-05-13">13.05.2025</time>"#))
    }

    @Test func unsafeRecordIdIsPercentEncoded() async throws {
        let archive = try PublisherTestArchive()
        var record = Record(id: "../böse id")
        record.title = "Pfad"
        try await archive.add([record])
        try await archive.publish(html)

        #expect(archive.exists("records/%2E%2E%2Fb%C3%B6se%20id/index.html"))
        #expect(!archive.exists("böse id/index.html"), "the id cannot climb out of records/")
        #expect(try archive.read("index.html").contains(#"href="records/%252E%252E%252Fb%25C3%25B6se%2520id/""#))
    }

    @Test func englishLanguageSwitchesTheInterface() async throws {
        var archive = try PublisherTestArchive()
        archive.config.language = "en"
        try await archive.add([Self.handbuch])
        try await archive.publish(html)

        let page = try archive.read("records/fischer2022handbuch/index.html")
        #expect(page.contains("<html lang=\"en\">"))
        #expect(page.contains("<dt>Editors</dt>") && page.contains("<dd>Book</dd>"))
    }

    @Test func searchPageStylesheetAndNotFoundPageAreWritten() async throws {
        let archive = try PublisherTestArchive()
        try await archive.publish(html)

        let search = try archive.read("search/index.html")
        #expect(search.contains(#"<form class="search" role="search" action="../search" method="get">"#))
        #expect(search.contains(#"<input type="search" id="q-page" name="q" value="">"#))
        #expect(try archive.read("style.css").contains("@media (max-width"))
        #expect(try archive.read("404.html").contains("<h1>Seite nicht gefunden</h1>"))
        #expect(try archive.read("publications/index.html").contains("Noch keine Einträge."))
    }
}
