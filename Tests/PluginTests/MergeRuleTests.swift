import ArchivarCore
import ArchivarStore
import ArchivarTestSupport
import Bibliography
import Foundation
import Normalize
import Testing

/// A catalog in a temp directory with the import pipeline (normalize, dedupe) over it:
/// bibliography files are imported as `archivar import` imports them.
struct ImportLibrary {
    let directory: TemporaryDirectory
    let catalog: Catalog
    let pipeline: Pipeline

    init(extraPlugins: [Plugin] = [], pipeline stages: [String] = ["normalize", "dedupe"]) throws {
        directory = try TemporaryDirectory("archivar-import")
        catalog = try Catalog(file: directory.file("state/archivar.sqlite"))
        var config = SiteConfig(root: directory.url)
        config.pipeline = stages
        pipeline = try Pipeline(config: config, registry: PluginRegistry([BibliographyPlugin.plugins, NormalizePlugin.plugins, extraPlugins]),
                                catalog: catalog, logger: .silent)
    }

    /// Writes `text` to `name` and imports it with `plugin`.
    @discardableResult
    func importing(_ text: String, as name: String, plugin: String = "bibtex") async throws -> ImportReport {
        try await pipeline.importFile(try directory.write(text, to: name), plugin: plugin)
    }

    /// Every stored record by id.
    func records() throws -> [String: Record] {
        var records: [String: Record] = [:]
        try catalog.forEachRecord { records[$0.id] = $0 }
        return records
    }
}

/// The dedupe rules (SPEC §3, issue 4): DOI, ISBN (an ISBN-10 and its ISBN-13 alike), else
/// normalized title + year + first creator; a conflicting DOI, ISBN or edition vetoes; every
/// merge is remembered with its rule.
@Suite struct MergeRuleTests {
    let library: ImportLibrary

    init() throws { library = try ImportLibrary() }

    @Test func theSameDOIMergesAlthoughTitlesDiffer() async throws {
        try await library.importing("""
            @article{fischer2021gesundheit, author = {Fischer, Jörg}, title = {Öffentliche Gesundheit}, journal = {Sozialmagazin},
              year = 2021, doi = {10.3262/SM2111}}
            """, as: "eins.bib")
        let report = try await library.importing("""
            @article{fischer2021oeffentliche, author = {Fischer, J.}, title = {Öffentliche Gesundheit als Aufgabe}, year = 2021,
              doi = {https://doi.org/10.3262/sm2111}, pages = {5--9}}
            """, as: "zwei.bib")
        #expect(report.added.isEmpty)
        #expect(report.merged == [MergeEntry(survivor: "fischer2021gesundheit", absorbed: "fischer2021oeffentliche",
                                             rule: .doi, date: try #require(report.merged.first?.date))])
        let records = try library.records()
        #expect(records.count == 1)
        let merged = try #require(records["fischer2021gesundheit"])
        #expect(merged.title == "Öffentliche Gesundheit als Aufgabe", "the richer value of each field is kept")
        #expect(merged.text("page") == "5-9")
        #expect(merged.containerTitle == "Sozialmagazin")
        #expect(try library.catalog.merges(of: "fischer2021gesundheit").map(\.rule) == [.doi])
    }

    @Test func anISBN10AndItsISBN13AreTheSameBook() async throws {
        try await library.importing("@book{fischer2016a, author = {Fischer, Jörg}, title = {Unbegleitete Flüchtlinge}, year = 2016, isbn = {3-7799-3377-2}}",
                                    as: "alt.bib")
        let report = try await library.importing("""
            @book{grasshoff2017b, author = {Graßhoff, Gunther}, title = {Flüchtlinge ohne Begleitung}, year = 2017,
              isbn = {978-3-7799-3377-9}, publisher = {Beltz Juventa}}
            """, as: "neu.bib")
        #expect(report.merged.map { "\($0.absorbed)→\($0.survivor) \($0.rule.name)" } == ["grasshoff2017b→fischer2016a isbn"])
        #expect(try library.records()["fischer2016a"]?.publisher == "Beltz Juventa")
    }

    @Test func titleYearAndFirstCreatorMergeAcrossSpellingsAndNameForms() async throws {
        try await library.importing("""
            @book{fischer2016unbegleitete, editor = {Fischer, Jörg and Graßhoff, Gunther}, title = {Unbegleitete minderjährige Flüchtlinge},
              year = 2016, publisher = {Juventa}}
            """, as: "eins.bib")
        let report = try await library.importing("""
            TY  - EDBOOK
            ED  - Fischer, J.
            TI  - Unbegleitete minderjaehrige Fluechtlinge
            PY  - 2016
            CY  - Weinheim
            ER  -
            """, as: "zwei.ris", plugin: "ris")
        #expect(report.merged.map(\.survivor) == ["fischer2016unbegleitete"])
        #expect(report.merged.map(\.rule) == [.titleYearCreator])
        #expect(try library.records()["fischer2016unbegleitete"]?.publisherPlace == "Weinheim")
    }

    @Test(arguments: [
        ("different DOIs", "doi = {10.1000/eins}", "doi = {10.1000/zwei}"),
        ("different ISBNs", "isbn = {978-3-7799-3377-9}", "isbn = {978-3-8474-0001-1}"),
        ("different editions", "edition = {1}", "edition = {2., durchgesehene Auflage}"),
    ])
    func aConflictVetoesTheTitleRule(conflict: String, first: String, second: String) async throws {
        try await library.importing("@book{fischer2015jugend, author = {Fischer, Jörg}, title = {Jugend}, year = 2015, \(first)}", as: "eins.bib")
        let report = try await library.importing("@book{fischer2015jugendhilfe, author = {Fischer, Jörg}, title = {Jugend}, year = 2015, \(second)}",
                                                 as: "zwei.bib")
        #expect(report.merged.isEmpty, "\(conflict)")
        #expect(report.added == ["fischer2015jugendhilfe"])
        #expect(try library.records().count == 2)
    }

    @Test func aConflictingEditionVetoesEvenTheSameISBN() async throws {
        try await library.importing("@book{a2015x, author = {A, B}, title = {X}, year = 2015, isbn = {3-8474-0001-0}, edition = {2}}", as: "eins.bib")
        let report = try await library.importing("@book{b2016y, author = {C, D}, title = {Y}, year = 2016, isbn = {978-3-8474-0001-1}, edition = {zweite}}",
                                                 as: "zwei.bib")
        #expect(report.merged.map(\.rule) == [.isbn], "zweite is the second edition")
        let third = try await library.importing("@book{c2017z, author = {E, F}, title = {Z}, year = 2017, isbn = {978-3-8474-0001-1}, edition = {3}}",
                                                as: "drei.bib")
        #expect(third.merged.isEmpty)
        #expect(third.added == ["c2017z"])
    }

    @Test func chaptersOfOneBookCarryItsISBNButStayApart() async throws {
        let report = try await library.importing("""
            TY  - CHAP
            AU  - Fischer, Jörg
            TI  - Erster Beitrag
            T2  - Der Sammelband
            PY  - 2020
            SN  - 978-3-8474-0001-1
            ER  -
            TY  - CHAP
            AU  - Hilse-Carstensen, Theresa
            TI  - Zweiter Beitrag
            T2  - Der Sammelband
            PY  - 2020
            SN  - 978-3-8474-0001-1
            ER  -
            """, as: "kapitel.ris", plugin: "ris")
        #expect(report.merged.isEmpty)
        #expect(report.added.count == 2)
    }

    @Test func twoWorksOfOneKeylessFileWithTheSameCitationKeyAreBothKept() async throws {
        let text = """
            Fischer, Jörg (2021): Sozialer Zusammenhalt. Weinheim: Beltz Juventa.
            Fischer, Jörg (2021): Sozialer Wandel. Opladen: Budrich.
            """
        let report = try await library.importing(text, as: "liste.txt", plugin: "citations")
        #expect(report.added == ["fischer2021sozialer", "fischer2021sozialera"])
        let again = try await library.importing(text, as: "liste.txt", plugin: "citations")
        #expect(again.unchanged == ["fischer2021sozialer", "fischer2021sozialera"])
        #expect(try library.records()["fischer2021sozialera"]?.title == "Sozialer Wandel")
    }

    @Test func importingTheSameFileAgainChangesNothing() async throws {
        let text = """
            @book{fischer2016a, author = {Fischer, Jörg}, title = {Eins}, year = 2016, isbn = {3-7799-3377-2}}
            @book{fischer2016b, author = {Fischer, Jörg}, title = {Zwei}, year = 2016, isbn = {978-3-7799-3377-9}, publisher = {Juventa}}
            @book{fischer2017c, author = {Fischer, Jörg}, title = {Drei}, year = 2017}
            """
        let first = try await library.importing(text, as: "liste.bib")
        #expect(first.added == ["fischer2016a", "fischer2017c"])
        #expect(first.merged.map(\.absorbed) == ["fischer2016b"])
        let before = try library.records()
        let again = try await library.importing(text, as: "liste.bib")
        #expect(again.added.isEmpty && again.merged.isEmpty && again.changed.isEmpty)
        #expect(again.unchanged == ["fischer2016a", "fischer2016a", "fischer2017c"])
        #expect(try library.records() == before)
        #expect(try library.catalog.merges(of: "fischer2016a").count == 1)
    }

    @Test func theSameLinkMergesAsForFeedItems() async throws {
        try await library.importing(#"[{"id": "a2020x", "title": "Bericht", "link": "https://ikpe.example/bericht"}]"#,
                                    as: "eins.json", plugin: "csl-json")
        let report = try await library.importing(#"[{"id": "b2021y", "title": "Ein Bericht", "link": "https://ikpe.example/bericht"}]"#,
                                                 as: "zwei.json", plugin: "csl-json")
        #expect(report.merged.map { "\($0.absorbed)→\($0.survivor) \($0.rule.name)" } == ["b2021y→a2020x link"])
    }

    @Test func importedRecordsArePublicationsFromTheirFile() async throws {
        try await library.importing(#"[{"id": "x2020y", "type": "book", "title": "Y", "kind": "press", "author": [{"family": "X"}], "issued": {"date-parts": [[2020]]}}]"#,
                                    as: "zotero.json", plugin: "csl-json")
        let record = try #require(try library.records()["x2020y"])
        #expect(record.kind == RecordKind.publication)
        #expect(record.source == "import:zotero.json")
    }
}

/// One transaction per imported file: when storing fails half-way, nothing of the file stays.
@Suite struct ImportTransactionTests {
    @Test func aFailureHalfWayThroughAFileLeavesNothingOfIt() async throws {
        let failing = Plugin.transform("fail-on-drei", summary: "fails on the record titled Drei") { record, _ in
            guard record.title != "Drei" else { throw ArchivarError("storage failed") }
            return record
        }
        let library = try ImportLibrary(extraPlugins: [failing], pipeline: ["normalize", "dedupe", "fail-on-drei"])
        try await library.importing("@book{vorher, author = {A, B}, title = {Vorher}, year = 2010}", as: "vorher.bib")
        let before = try library.records()
        await #expect(throws: ArchivarError.self) {
            try await library.importing("""
                @book{eins, author = {A, B}, title = {Eins}, year = 2011}
                @book{zwei, author = {A, B}, title = {Zwei}, year = 2012, isbn = {3-8474-0001-0}}
                @book{vorher2, author = {A, B}, title = {Vorher}, year = 2010, publisher = {Budrich}}
                @book{drei, author = {A, B}, title = {Drei}, year = 2013}
                """, as: "liste.bib")
        }
        #expect(try library.records() == before)
        #expect(try library.catalog.merges(of: "vorher").isEmpty)
        #expect(try library.catalog.recordID(for: RecordOrigin(source: "import:liste.bib", itemID: "eins")) == nil)
    }
}
