import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// `archivar merge ID ABSORBED` and `archivar unmerge ID [ABSORBED]` through the built binary.
@Suite struct MergeTests {
    static let reprint = "Fischer, Jörg/Kosellek, Tobias (Hrsg.) (2020): Netzwerke und Soziale Arbeit. "
        + "Theorien, Methoden, Anwendungen. Weinheim: Beltz Juventa.\n"

    @Test func aManualMergeSurvivesAReharvestAndAReimport() throws {
        let site = try ArchivarSite()
        #expect(try site.run("harvest", "--all").status == 0)
        try site.directory.write(Self.reprint, to: "nachdruck.txt")
        #expect(try site.run("import", "nachdruck.txt").stdout.contains("added: fischer2020netzwerke"),
                "another year: the rules do not merge it")

        let merge = try site.run("merge", "fischer2019netzwerke", "fischer2020netzwerke")
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout == "Merged fischer2020netzwerke into fischer2019netzwerke; "
                + "`archivar unmerge fischer2019netzwerke fischer2020netzwerke` undoes it.\n")

        // The survivor's source changes it; the absorbed record's file is imported again.
        let sample = site.directory.file("feeds/samples/ikpe-publikationen.json")
        let text = try String(contentsOf: sample, encoding: .utf8)
        try text.replacingOccurrences(of: #""publisher": "Juventa",\#n    "publisher-place": "Weinheim",\#n    "edition": "2""#,
                                      with: #""publisher": "Juventa Verlag",\#n    "publisher-place": "Weinheim",\#n    "edition": "2""#)
            .write(to: sample, atomically: true, encoding: .utf8)
        let harvest = try site.run("harvest", "--source", "ikpe-publikationen")
        #expect(harvest.stdout.contains("ikpe-publikationen: 0 new, 1 changed, 17 unchanged"), "\(harvest.stdout)")
        let reimport = try site.run("import", "nachdruck.txt")
        #expect(reimport.stdout.hasPrefix("nachdruck.txt (citations): 0 added, 0 merged, 0 changed, 1 unchanged"), "\(reimport.stdout)")

        let records = try site.storedRecords()
        #expect(records["fischer2020netzwerke"] == nil)
        let survivor = try #require(records["fischer2019netzwerke"])
        #expect(survivor.publisher == "Juventa Verlag")
        #expect(survivor.text("edition") == "2")
        #expect(try site.query("SELECT rule FROM merges WHERE survivor = 'fischer2019netzwerke'") == ["manual"])
    }

    @Test func unmergeRestoresBothAndTheRulesNeverMergeThemAgain() throws {
        let site = try ArchivarSite()
        let file = """
            @book{buch1, author = {Fischer, Jörg}, title = {Sozialplanung heute}, year = 2019, isbn = {3-7799-3377-2}, publisher = {Beltz}}
            @book{buch2, author = {Meier, Karl}, title = {Planung}, year = 2019, isbn = {978-3-7799-3377-9}, address = {Weinheim}}
            """
        try site.directory.write(file, to: "a.bib")
        let imported = try site.run("import", "a.bib")
        #expect(imported.stdout.contains("  merged: buch2 → buch1 (same ISBN)"), "\(imported.stdout)")
        #expect(try site.storedRecords()["buch1"]?.publisherPlace == "Weinheim")

        let unmerge = try site.run("unmerge", "buch1")
        #expect(unmerge.status == 0, "\(unmerge.stderr)")
        #expect(unmerge.stdout.hasPrefix("Unmerged buch2 from buch1"))
        let records = try site.storedRecords()
        #expect(records["buch1"]?.publisherPlace == nil)
        #expect(records["buch1"]?.title == "Sozialplanung heute")
        #expect(records["buch2"]?.publisherPlace == "Weinheim")
        #expect(records["buch2"]?.isbn == "978-3-7799-3377-9")
        #expect(records["buch2"]?.authors.first?.family == "Meier")

        // Imported again, from the same file or from a copy, buch2 never goes back into buch1.
        let again = try site.run("import", "a.bib")
        #expect(again.stdout.hasPrefix("a.bib (bibtex): 0 added, 0 merged, 0 changed, 2 unchanged"), "\(again.stdout)")
        try site.directory.write(file, to: "kopie.bib")
        let copy = try site.run("import", "kopie.bib")
        #expect(copy.stdout.contains("merged: buch1a → buch1 (same ISBN)"), "\(copy.stdout)")
        #expect(copy.stdout.contains("merged: buch2a → buch2 (same title, year and first creator)"))
        #expect(try site.storedRecords().keys.sorted() == ["buch1", "buch2"])
    }

    @Test func unknownIdsAndBadUsageAreClearErrors() throws {
        let site = try ArchivarSite()
        try site.directory.write("@book{buch1, author = {Fischer, Jörg}, title = {Eins}, year = 2019}\n", to: "a.bib")
        try site.run("import", "a.bib")
        let unknown = try site.run("merge", "buch1", "nix")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "archivar: nix: no record has this id\n")
        #expect(try site.run("unmerge", "nix").stderr == "archivar: nix: no record has this id\n")
        #expect(try site.run("unmerge", "buch1").stderr == "archivar: buch1: nothing was merged into this record\n")
        #expect(try site.run("merge", "buch1", "buch1").status == 1)
        #expect(try site.run("merge", "buch1").status == 2)
        #expect(try site.run("unmerge").status == 2)
        #expect(try site.storedRecords().keys.sorted() == ["buch1"])
    }
}
