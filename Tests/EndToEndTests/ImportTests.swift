import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// `archivar import FILE…` through the built binary (issue 4): formats told by content,
/// a report per file, rejected entries named, one transaction per file, idempotent.
@Suite struct ImportTests {
    @Test func aThousandEntryBibTeXFileWithTwentyBrokenImportsNineHundredEightyAndNamesTheTwenty() throws {
        let site = try ArchivarSite()
        let (text, brokenLines) = BrokenBibTeX.thousandEntries()
        try site.directory.write(text, to: "kollegin.bib")
        let outcome = try site.run("import", "kollegin.bib")
        #expect(outcome.status == 1, "anything rejected makes the import exit 1")
        #expect(outcome.stdout.hasPrefix("kollegin.bib (bibtex): 980 added, 0 merged, 0 changed, 0 unchanged, 20 rejected\n"),
                "\(outcome.stdout.prefix(300))")
        let rejected = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("    line ") }
        #expect(rejected.count == 20)
        #expect(rejected.compactMap { $0.firstMatch(of: #/line (\d+):/#).flatMap { Int($0.1) } } == brokenLines)
        #expect(rejected.contains { $0.contains("duplicate key “eintrag206”") })
        let records = try site.storedRecords()
        #expect(records.count == 980)
        #expect(records["eintrag0"]?.publisher == "Beltz Juventa")
        #expect(records["eintrag0"]?.source == "import:kollegin.bib")
        #expect(records["kaputt7"] == nil)
    }

    @Test func theSeedPublicationListPastedAsTextGivesTheRecordsOfTheBundledSample() throws {
        let site = try ArchivarSite()
        let seed = Repository.root.appendingPathComponent("Tests/PluginTests/Fixtures/citations/ikpe-publikationen.txt")
        try FileManager.default.copyItem(at: seed, to: site.directory.file("publikationen.txt"))
        let outcome = try site.run("import", "publikationen.txt")
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        // The seed lists one work under two periods: the second listing is the same item again.
        #expect(outcome.stdout.hasPrefix("publikationen.txt (citations): 18 added, 0 merged, 0 changed, 1 unchanged, 0 rejected"))

        let sample = try CSLSample.records()
        let records = try site.storedRecords()
        #expect(Set(records.keys) == Set(sample.keys))
        for (id, expected) in sample {
            let record = try #require(records[id])
            #expect(record.type == expected.type, "\(id)")
            #expect(record.title == expected.title, "\(id)")
            #expect(record.authors.map(CSLSample.person) == expected.authors.map(CSLSample.person), "\(id)")
            #expect(record.editors.map(CSLSample.person) == expected.editors.map(CSLSample.person), "\(id)")
            #expect(record.issued == expected.issued, "\(id)")
            #expect(record.kind == RecordKind.publication)
            for field in CSLSample.comparedFields {
                #expect(record.text(field) == expected.text(field), "\(id): \(field)")
            }
        }

        // Harvesting the bundled sample afterwards finds the same works: nothing new.
        let harvest = try site.run("harvest", "--source", "ikpe-publikationen")
        #expect(harvest.stdout.contains("ikpe-publikationen: 0 new"), "\(harvest.stdout)")
        #expect(try site.storedRecords().count == 18)
    }

    @Test func importingTheSameFilesAgainChangesNothing() throws {
        let site = try ArchivarSite()
        try site.directory.write("""
            @book{fischer2016a, author = {Fischer, Jörg}, title = {Eins}, year = 2016, isbn = {3-7799-3377-2}}
            @book{fischer2016b, author = {Fischer, Jörg}, title = {Zwei}, year = 2016, isbn = {978-3-7799-3377-9}}
            """, to: "liste.bib")
        try site.directory.write("""
            TY  - BOOK
            AU  - Fischer, Jörg
            TI  - Eins
            PY  - 2016
            PB  - Beltz Juventa
            ER  -
            """, to: "zotero.ris")
        try site.directory.write("Fischer, Jörg (2019): Netzwerke. Weinheim: Beltz Juventa.\n", to: "liste.txt")
        let first = try site.run("import", "liste.bib", "zotero.ris", "liste.txt")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("liste.bib (bibtex): 1 added, 1 merged"))
        #expect(first.stdout.contains("  merged: fischer2016b → fischer2016a (same ISBN)"))
        #expect(first.stdout.contains("zotero.ris (ris): 0 added, 1 merged"))
        #expect(first.stdout.contains("(same title, year and first creator)"))
        #expect(first.stdout.contains("liste.txt (citations): 1 added"))
        let stored = try site.storedRecords()
        let merges = try site.query("SELECT count(*) FROM merges")

        let again = try site.run("import", "liste.bib", "zotero.ris", "liste.txt")
        #expect(again.status == 0)
        #expect(again.stdout.contains("liste.bib (bibtex): 0 added, 0 merged, 0 changed, 2 unchanged, 0 rejected"))
        #expect(again.stdout.contains("zotero.ris (ris): 0 added, 0 merged, 0 changed, 1 unchanged, 0 rejected"))
        #expect(again.stdout.contains("liste.txt (citations): 0 added, 0 merged, 0 changed, 1 unchanged, 0 rejected"))
        #expect(try site.storedRecords() == stored, "not even the update times change")
        #expect(try site.query("SELECT count(*) FROM merges") == merges)
    }

    @Test func aFileThatCannotBeReadLeavesTheCatalogUnchanged() throws {
        let site = try ArchivarSite()
        try site.directory.write("@book{fischer2016a, author = {Fischer, Jörg}, title = {Eins}, year = 2016}\n", to: "gut.bib")
        #expect(try site.run("import", "gut.bib").status == 0)
        let stored = try site.storedRecords()

        try site.directory.write(#"[{"id": "neu2020a", "title": "Neu", "type": "book"}, {"id": "neu2020b", "title": "Abgebr"#,
                                 to: "abgebrochen.json")
        try Data([0x46, 0x69, 0x73, 0x63, 0x68, 0x65, 0x72, 0x20, 0xFC, 0x28, 0x32, 0x30]).write(to: site.directory.file("latin1.txt"))
        let outcome = try site.run("import", "abgebrochen.json", "latin1.txt", "fehlt.bib", "gut.bib")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("abgebrochen.json: is not valid JSON"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("latin1.txt: is not UTF-8 text"))
        #expect(outcome.stderr.contains("fehlt.bib: cannot be read: no such file"))
        #expect(outcome.stderr.split(separator: "\n").filter { $0.hasSuffix("(nothing of this file was imported)") }.count == 3)
        #expect(outcome.stdout.contains("gut.bib (bibtex): 0 added, 0 merged, 0 changed, 1 unchanged"), "the other files are imported")
        #expect(try site.storedRecords() == stored)
    }

    @Test func invalidRecordsAreRejectedNamingTheFieldAndTheRestIsStored() throws {
        let site = try ArchivarSite()
        try site.directory.write("""
            [{"id": "gut2020", "type": "book", "title": "Gut", "issued": {"date-parts": [[2020]]}},
             {"id": "isbn2020", "type": "book", "title": "Falsche ISBN", "ISBN": "978-3-7799-3377-1"},
             {"id": "jahr2020", "type": "book", "title": "Zukunft", "issued": {"date-parts": [[3020]]}}]
            """, to: "zotero.json")
        let outcome = try site.run("import", "zotero.json")
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("1 added, 0 merged, 0 changed, 0 unchanged, 2 rejected"))
        #expect(outcome.stdout.contains("entry 2 “isbn2020”: field \"ISBN\": 978-3-7799-3377-1 is not a valid ISBN-13"))
        #expect(outcome.stdout.contains("entry 3 “jahr2020”: field \"issued\": the year 3020 is not plausible"))
        #expect(Array(try site.storedRecords().keys) == ["gut2020"])
    }

    @Test func feedsAndDirectoriesAreRefusedAndUsageIsChecked() throws {
        let site = try ArchivarSite()
        let feed = try site.run("import", "feeds/samples/kommune360.atom")
        #expect(feed.status == 1)
        #expect(feed.stderr.contains("holds XML, which import does not read"))
        #expect(try site.run("import", "feeds").stderr.contains("feeds: is a directory"))
        #expect(try site.run("import").status == 2)
        let plugin = try site.run("import", "--plugin", "rss2", "feeds/samples/kommune360.atom")
        #expect(plugin.status == 1)
        #expect(plugin.stderr.contains("no ingest plugin is called \"rss2\""))
    }
}

/// The bundled CSL-JSON sample of the institute's publication list, and the fields a
/// citation line carries (category and language come from the web page, not the line).
enum CSLSample {
    static func records() throws -> [String: Record] {
        guard case .array(let items) = try JSONValue.parse(Data(contentsOf: Repository.sample("ikpe-publikationen.json"))) else {
            return [:]
        }
        let records = try items.map(Record.init(json:))
        return Dictionary(uniqueKeysWithValues: records.map { ($0.id, $0) })
    }

    static let comparedFields = [
        "container-title", "collection-title", "collection-number", "publisher", "publisher-place",
        "edition", "volume", "issue", "number-of-pages", "page", "URL", "note",
    ]

    static func person(_ name: Name) -> String { "\(name.family ?? "")|\(name.given ?? "")" }
}
