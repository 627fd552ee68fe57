import ArchivarCore
import ArchivarTestSupport
@testable import Bibliography
import Foundation
import Testing

@Suite struct BibTeXWriterTests {
    private func shapes() throws -> [Record] {
        let data = try Data(contentsOf: Bundle.module.url(forResource: "Fixtures/bibtex/shapes", withExtension: "bib")!)
        return BibTeXReader.read(data, path: "shapes.bib").records
    }

    @Test func writesEscapedUTF8WithProtectedCapitalsAndBracedInstitutions() {
        var record = Record(id: "fischer2016jugendhilfeplanung")
        record.type = "book"
        record.title = "Jugendhilfeplanung für die IKPE: 50% & mehr_neu {x} ~ a^b \\ c"
        record.authors = [Name(family: "Fischer", given: "Jörg"), Name(literal: "Institut für Planung und Entwicklung")]
        record.editors = [Name(family: "Berg", given: "Kees", nonDroppingParticle: "van der")]
        record.issued = IssuedDate(year: 2016, month: 5)
        record.publisher = "Beltz Juventa"
        record.publisherPlace = "Weinheim"
        record.setText("page", "12-34")
        record.language = "de"
        record.source = "bibliothek"
        #expect(BibTeXWriter.write([record]) == """
        @comment{Encoding: UTF-8. Written by Archivar.}

        @book{fischer2016jugendhilfeplanung,
          author = {Fischer, Jörg and {Institut für Planung und Entwicklung}},
          editor = {van der Berg, Kees},
          title = {{Jugendhilfeplanung} für die {IKPE}: 50\\% \\& mehr\\_neu \\textbraceleft{}x\\textbraceright{} \\textasciitilde{} a\\textasciicircum{}b \\textbackslash{} c},
          pages = {12--34},
          year = {2016},
          month = may,
          publisher = {Beltz Juventa},
          address = {Weinheim},
          langid = {ngerman}
        }

        """)
    }

    @Test func englishTitlesProtectOnlyAcronymsAndInnerCapitals() {
        #expect(BibTeXWriter.protectedTitle("The NATO Summit and iPhone Usage in COVID-19", allCapitalized: false)
            == "The {NATO} Summit and {iPhone} Usage in {COVID-19}")
        #expect(BibTeXWriter.protectedTitle("Die Planung der Stadt", allCapitalized: true) == "{Die} {Planung} der {Stadt}")
    }

    @Test func recordsWithoutUsableIdsGetUniqueCitationKeys() {
        var first = Record()
        first.title = "Unbegleitete Flüchtlinge"
        first.authors = [Name(family: "Fischer", given: "Jörg")]
        first.issued = IssuedDate(year: 2016)
        let text = BibTeXWriter.write([first, first])
        #expect(text.contains("@misc{fischer2016unbegleitete,"))
        #expect(text.contains("@misc{fischer2016unbegleitetea,"))
    }

    @Test func readWriteReadGivesTheSameRecords() throws {
        let records = try shapes().filter { !$0.id.isEmpty }
        let again = BibTeXReader.read(Data(BibTeXWriter.write(records).utf8), path: "out.bib")
        #expect(again.problems.isEmpty, "\(again.problems)")
        #expect(again.records.count == records.count)
        for (original, reread) in zip(records, again.records) {
            #expect(reread == original, "\(original.id)")
        }
    }

    @Test func writeReadWriteIsStable() throws {
        let written = BibTeXWriter.write(try shapes())
        let rewritten = BibTeXWriter.write(BibTeXReader.read(Data(written.utf8), path: "out.bib").records)
        #expect(rewritten == written)
    }

    @Test func textSurvivesEscapingForAnyMixOfSpecialCharacters() {
        let samples = ["50% & $5 #1 a_b", "{ungleich}} {", "a~b^c\\d", "Vor--Nach---Ende", "``so'' und ‚so‘", "x\u{A0}y", "-- - ---"]
        for sample in samples {
            #expect(LaTeXText.decode(LaTeXText.encode(sample)) == sample)
        }
    }

    @Test func biberValidatesTheExportWithoutWarnings() throws {
        let biber = "/usr/bin/biber"
        try #require(FileManager.default.isExecutableFile(atPath: biber),
                     "biber is missing: scripts/install-deps.sh --test installs it")
        let directory = try TemporaryDirectory("bibtex-biber")
        let file = try directory.write(BibTeXWriter.write(try shapes()), to: "export.bib")
        let result = try runTool(biber, ["--tool", "--validate-datamodel", "--output-file", directory.file("checked.bib").path,
                                               "--logfile", directory.file("biber").path, file.path])
        #expect(result.status == 0, "\(result.output)")
        // Warnings about the fixture's data (a manual without author, a year "in Vorbereitung") are not the writer's.
        let warnings = result.output.split(separator: "\n").filter {
            $0.contains("WARN") && !$0.contains("Missing mandatory field") && !$0.contains("lang2024manuskript") && !$0.contains("WARNINGS:")
        }
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(!result.output.contains("ERROR"), "\(result.output)")
    }

    @Test func pandocReadsTheExportWithoutWarnings() throws {
        let pandoc = "/usr/bin/pandoc"
        try #require(FileManager.default.isExecutableFile(atPath: pandoc),
                     "pandoc is missing: scripts/install-deps.sh --test installs it")
        let directory = try TemporaryDirectory("bibtex-pandoc")
        let file = try directory.write(BibTeXWriter.write(try shapes()), to: "export.bib")
        let result = try runTool(pandoc, ["-f", "bibtex", "-t", "csljson", file.path])
        #expect(result.status == 0)
        #expect(!result.output.contains("[WARNING]"), "\(result.output)")
        #expect(result.output.contains("\"Unbegleitete minderjährige Flüchtlinge. Jugendhilfeplanung in der IKPE-Praxis\""))
    }
}
