import ArchivarTestSupport
import Foundation
import Testing
import ArchivarCore
@testable import AtomPublisher

@Suite struct AtomPublisherTests {
    let atom = AtomPublisherPlugin.plugins[0]

    /// Three kinds, with and without creators, content, links and dates of their own.
    static func sampleRecords() throws -> [Record] {
        try [
            """
            {"id": "fischer2022handbuch", "type": "book", "title": "Handbuch Kommunale Planung und Steuerung",
             "editor": [{"family": "Fischer", "given": "Jörg"}, {"family": "Huber", "given": "Stefan"}],
             "issued": {"date-parts": [[2022]]}, "publisher": "Juventa", "publisher-place": "Weinheim",
             "kind": "publication", "category": "Monographien und Herausgeberschaften"}
            """,
            """
            {"id": "ikpe-news-abc123", "type": "post", "title": "Jugendhilfetag <Leipzig> & mehr",
             "published": "2025-05-13T12:00:00+02:00", "link": "https://www.ikpe-erfurt.de/aktuelles/jugendhilfetag/",
             "summary": "Wir sind dabei.", "content": "<p>Wir sind <em>dabei</em>.</p>", "kind": "press", "source": "ikpe-news"}
            """,
            """
            {"id": "kommune360-1", "type": "post", "title": "Segregation\\u0001 und Durchmischung",
             "author": [{"family": "Weber dos Santos", "given": "Nancy"}], "published": "2023-01-11",
             "kind": "partner", "source": "kommune360", "link": "javascript:alert(1)"}
            """,
        ].map { try Record(json: JSONValue.parse(Data($0.utf8))) }
    }

    @Test func feedValidatesAgainstTheAtomSchema() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add(Self.sampleRecords())
        let output = try await archive.publish(atom)

        for path in ["feed.atom", "feeds/publication.atom", "feeds/press.atom", "feeds/partner.atom",
                     "feeds/monographien-und-herausgeberschaften.atom"] {
            let problems = try Jing.validate(output.appendingPathComponent(path))
            #expect(problems.isEmpty, "jing on \(path): \(problems)")
        }
    }

    @Test func feedHasTheSiteMetadataAndOneEntryPerRecord() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add(Self.sampleRecords())
        try await archive.publish(atom)
        let feed = try archive.read("feed.atom")

        for line in [
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">"#,
            "<id>https://archiv.example.org/ikpe/feed.atom</id>",
            #"<title type="text">IKPE Publikationsarchiv</title>"#,
            #"<link rel="self" type="application/atom+xml" href="https://archiv.example.org/ikpe/feed.atom"/>"#,
            #"<link rel="alternate" type="text/html" href="https://archiv.example.org/ikpe/"/>"#,
            "<name>IKPE Publikationsarchiv</name>",
            #"<generator version="\#(ArchivarVersion.current)">Archivar</generator>"#,
        ] {
            #expect(feed.contains(line), "missing \(line)")
        }
        #expect(feed.occurrences(of: "<entry>") == 3)
        #expect(feed.contains(#"<title type="text">Jugendhilfetag &lt;Leipzig&gt; &amp; mehr</title>"#))
        #expect(feed.contains(#"<title type="text">Segregation und Durchmischung</title>"#), "control characters are dropped")
        #expect(feed.contains(#"<content type="html">&lt;p&gt;Wir sind &lt;em&gt;dabei&lt;/em&gt;.&lt;/p&gt;</content>"#))
        #expect(feed.contains(#"<link rel="related" href="https://www.ikpe-erfurt.de/aktuelles/jugendhilfetag/"/>"#))
        #expect(!feed.contains("javascript:"))
        #expect(feed.contains("<published>2025-05-13T10:00:00Z</published>"), "offsets become UTC")
        #expect(feed.contains("<published>2023-01-11T00:00:00Z</published>"), "a date becomes a date-time")
        #expect(feed.contains(#"<category term="Monographien und Herausgeberschaften"/>"#))
        #expect(feed.contains("<name>Jörg Fischer</name>") && feed.contains("<name>Stefan Huber</name>"), "one author per creator")
        #expect(feed.contains(#"<summary type="text">Fischer, Jörg/Huber, Stefan (Hrsg.) (2022): Handbuch Kommunale Planung und Steuerung. Weinheim: Juventa.</summary>"#),
                "without summary or abstract the citation stands in")

        let press = try archive.read("feeds/press.atom")
        #expect(press.occurrences(of: "<entry>") == 1)
        #expect(press.contains("<id>https://archiv.example.org/ikpe/feeds/press.atom</id>"))
        #expect(press.contains(#"<link rel="alternate" type="text/html" href="https://archiv.example.org/ikpe/press/"/>"#))
    }

    @Test func categoryFeedsCarryTheirCategorysEntries() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add(Self.sampleRecords())
        let output = try await archive.publish(atom)

        let feed = try archive.read("feeds/monographien-und-herausgeberschaften.atom")
        #expect(feed.contains(#"<title type="text">IKPE Publikationsarchiv – Monographien und Herausgeberschaften</title>"#))
        #expect(feed.contains("<id>https://archiv.example.org/ikpe/feeds/monographien-und-herausgeberschaften.atom</id>"))
        #expect(Self.entryIDs(feed) == ["https://archiv.example.org/ikpe/records/fischer2022handbuch/"])
        let files = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("feeds").path).sorted()
        #expect(files == ["monographien-und-herausgeberschaften.atom", "partner.atom", "press.atom", "publication.atom"])
    }

    @Test func emptyCatalogStillGetsAValidFeed() async throws {
        let archive = try PublisherTestArchive()
        let output = try await archive.publish(atom)

        let feed = try archive.read("feed.atom")
        #expect(feed.contains("<updated>1970-01-01T00:00:00Z</updated>"), "a fixed time, not the publish time")
        #expect(feed.occurrences(of: "<entry>") == 0)
        let problems = try Jing.validate(output.appendingPathComponent("feed.atom"))
        #expect(problems.isEmpty, "jing: \(problems)")
    }

    @Test func entryIdsStayStableAcrossPublishes() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add(Self.sampleRecords())
        try await archive.publish(atom, into: "first")
        var changed = try Self.sampleRecords()[1]
        changed.title = "Jugendhilfetag: neuer Titel"
        try await archive.add([changed])
        try await archive.publish(atom, into: "second")

        let ids = try ["first", "second"].map { try Self.entryIDs(archive.read("feed.atom", in: $0)) }
        #expect(ids[0] == ids[1])
        #expect(Set(ids[0]) == [
            "https://archiv.example.org/ikpe/records/fischer2022handbuch/",
            "https://archiv.example.org/ikpe/records/ikpe-news-abc123/",
            "https://archiv.example.org/ikpe/records/kommune360-1/",
        ])
    }

    @Test func unchangedCatalogGivesByteIdenticalFeeds() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add(Self.sampleRecords())
        try await archive.publish(atom, into: "first", now: Date(timeIntervalSince1970: 1_700_000_000))
        try await archive.add(Self.sampleRecords())  // the same records again: nothing changes
        try await archive.publish(atom, into: "second", now: Date(timeIntervalSince1970: 1_800_000_000))

        for path in ["feed.atom", "feeds/publication.atom", "feeds/press.atom", "feeds/partner.atom",
                     "feeds/monographien-und-herausgeberschaften.atom"] {
            #expect(try archive.read(path, in: "first") == archive.read(path, in: "second"), "\(path) changed")
        }
    }

    @Test func feedUpdatedIsTheNewestEntryNotThePublishTime() async throws {
        let archive = try PublisherTestArchive()
        let records = try Self.sampleRecords().enumerated().map { index, record in
            var record = record
            record.updated = "2024-0\(index + 1)-15T08:30:00+01:00"
            return record
        }
        try await archive.add(records)
        try await archive.publish(atom, now: Date(timeIntervalSince1970: 1_900_000_000))
        let feed = try archive.read("feed.atom")

        let feedUpdated = try #require(feed.components(separatedBy: "<updated>").dropFirst().first?.components(separatedBy: "<").first)
        #expect(feedUpdated == "2025-05-13T10:00:00Z", "the press item's published time is its newest date")
        #expect(feed.contains("<updated>2024-03-15T07:30:00Z</updated>"))
        #expect(!feed.contains("2030-"), "the publish time is nowhere in the feed")
    }

    @Test func feedCarriesTheNewestFiftyEntries() async throws {
        let archive = try PublisherTestArchive()
        let records = (1...60).map { number in
            var record = Record(id: "news-\(number)")
            record.title = "Meldung \(number)"
            record.kind = RecordKind.press
            record.published = String(format: "2024-01-01T10:%02d:00Z", number)
            return record
        }
        try await archive.add(records)
        try await archive.publish(atom)
        let feed = try archive.read("feed.atom")

        #expect(feed.occurrences(of: "<entry>") == 50)
        #expect(feed.contains("records/news-60/") && feed.contains("records/news-11/"))
        #expect(!feed.contains("records/news-10/"), "the oldest ten are left out")
        #expect(try archive.read("feeds/press.atom").occurrences(of: "<entry>") == 50)
        let files = try FileManager.default.contentsOfDirectory(atPath: archive.directory.appendingPathComponent("out/feeds").path)
        #expect(files == ["press.atom"], "no feed for a kind or category without records")
    }

    @Test func datesBecomeRFC3339DateTimesInUTC() {
        #expect(AtomDate.rfc3339("2023-01-11T12:00:00+01:00") == "2023-01-11T11:00:00Z")
        #expect(AtomDate.rfc3339("2023-01-11T00:30:00.123-02:30") == "2023-01-11T03:00:00Z")
        #expect(AtomDate.rfc3339("2024-12-31T23:30:00-01:00") == "2025-01-01T00:30:00Z")
        #expect(AtomDate.rfc3339("2023-01-11 08:15") == "2023-01-11T08:15:00Z")
        #expect(AtomDate.rfc3339("2023-01-11") == "2023-01-11T00:00:00Z")
        #expect(AtomDate.rfc3339("2016") == "2016-01-01T00:00:00Z")
        #expect(AtomDate.rfc3339("2024-02-29") == "2024-02-29T00:00:00Z")
        #expect(AtomDate.rfc3339("2023-02-29") == nil)
        #expect(AtomDate.rfc3339("Tue, 13 May 2025 12:00:00 +0200") == nil)
        #expect(AtomDate.rfc3339(IssuedDate(year: 2019, month: 5)) == "2019-05-01T00:00:00Z")
    }

    /// The `<id>` of every entry, in order.
    static func entryIDs(_ feed: String) -> [String] {
        feed.components(separatedBy: "<entry>").dropFirst().compactMap { entry in
            entry.components(separatedBy: "<id>").dropFirst().first?.components(separatedBy: "</id>").first
        }
    }
}

/// Runs jing (RELAX NG) with the shared Atom schema on a file.
enum Jing {
    static let executable = "/usr/bin/jing"

    /// jing's complaints; empty when the file is valid. Fails when jing or the schema is missing.
    static func validate(_ file: URL) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ArchivarError("jing is not installed at \(executable): install the Debian package `jing` to validate Atom feeds")
        }
        let schema = try atomSchema()
        let (status, text) = try runTool(executable, ["-c", schema.path, file.path])
        if status != 0, text.isEmpty { return "jing exited with status \(status)" }
        return text
    }

    /// The RFC 4287 RELAX NG schema (a copy of `shared/schemas/atom.rnc`).
    private static func atomSchema() throws -> URL {
        try #require(Bundle.module.url(forResource: "atom", withExtension: "rnc", subdirectory: "Fixtures"),
                     "Fixtures/atom.rnc is missing from the test bundle")
    }
}
