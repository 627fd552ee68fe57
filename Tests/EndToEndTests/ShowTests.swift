import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// `archivar show ID` through the built binary: the citation, the fields, where the
/// record came from, which records were merged into it and by which rule.
@Suite struct ShowTests {
    static func siteWithTheSample() throws -> ArchivarSite {
        let site = try ArchivarSite()
        let harvest = try site.run("harvest", "--source", "ikpe-publikationen")
        #expect(harvest.status == 0, "\(harvest.stderr)")
        return site
    }

    @Test func theReadableViewShowsTheCitationTheFieldsAndTheOrigin() throws {
        let site = try Self.siteWithTheSample()
        let outcome = try site.run("show", "fischer2016unbegleitete")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.components(separatedBy: "\n")
        #expect(lines.first == "Fischer, Jörg/Graßhoff, Gunther (Hrsg.) (2016): Unbegleitete minderjährige Flüchtlinge. "
            + "„In erster Linie Kinder und Jugendliche!“. 1. Sonderband Sozialmagazin. Weinheim: Juventa.")
        #expect(lines.contains { $0.wholeMatch(of: #/  id +fischer2016unbegleitete/#) != nil })
        #expect(lines.contains { $0.wholeMatch(of: #/  editor +Fischer, Jörg; Graßhoff, Gunther/#) != nil })
        #expect(lines.contains { $0.wholeMatch(of: #/  issued +2016/#) != nil })
        #expect(lines.contains { $0.wholeMatch(of: #/  publisher-place +Weinheim/#) != nil })
        #expect(!outcome.stdout.contains("  hash "), "bookkeeping stays out")
        let origins = try #require(lines.firstIndex(of: "Origins:"))
        #expect(lines[origins + 1].hasPrefix("  ikpe-publikationen (item fischer2016unbegleitete), first seen 20"))
        let merges = try #require(lines.firstIndex(of: "Merges:"))
        #expect(lines[merges + 1] == "  none")
    }

    @Test func aMergedDuplicateIsNamedWithItsRuleAndDate() throws {
        let site = try Self.siteWithTheSample()
        try site.directory.write("""
            @book{kollegin2016,
              editor = {Fischer, Jörg and Graßhoff, Gunther},
              title = {Unbegleitete minderjährige Flüchtlinge: „In erster Linie Kinder und Jugendliche!“},
              year = {2016},
              publisher = {Juventa},
              address = {Weinheim}
            }
            """, to: "kollegin.bib")
        let imported = try site.run("import", "kollegin.bib")
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")

        let shown = try site.run("show", "fischer2016unbegleitete")
        #expect(shown.stdout.contains("\n  import:kollegin.bib (item kollegin2016), first seen 20"), "\(shown.stdout)")
        let merge = try #require(shown.stdout.firstMatch(of: #/\n  merged from kollegin2016 by rule title-year-creator \(same title, year and first creator\) on (\S+)\n/#),
                                 "\(shown.stdout)")
        let mergedAt = try #require(ISO8601DateFormatter().date(from: String(merge.output.1)), "an RFC 3339 time")
        #expect(abs(mergedAt.timeIntervalSinceNow) < 600, "the time of the import")

        let absorbed = try site.run("show", "kollegin2016")
        #expect(absorbed.status == 1)
        #expect(absorbed.stderr.contains("\"kollegin2016\" was merged into \"fischer2016unbegleitete\""), "\(absorbed.stderr)")
    }

    @Test func eachFormatPrintsTheRecordAlone() throws {
        let site = try Self.siteWithTheSample()
        let citation = try site.run("show", "fischer2015jugend", "--format", "citation")
        #expect(citation.stdout == "Fischer, Jörg/Lutz, Ronald (Hrsg.) (2015): Jugend im Blick. Gesellschaftliche Konstruktionen und pädagogische Zugänge. Weinheim: Juventa.\n")
        let bibtex = try site.run("show", "fischer2015jugend", "--format", "bibtex")
        #expect(bibtex.stdout.hasPrefix("@comment{Encoding: UTF-8. Written by Archivar.}\n\n@book{fischer2015jugend,\n"), "\(bibtex.stdout)")
        let ris = try site.run("show", "fischer2015jugend", "--format", "ris")
        #expect(ris.stdout.hasPrefix("TY  - BOOK\r\nID  - fischer2015jugend\r\n"), "\(ris.stdout)")
        let json = try site.run("show", "fischer2015jugend", "--format", "csl-json")
        let items = try #require(try JSONValue.parse(Data(json.stdout.utf8)).array)
        #expect(items.count == 1)
        #expect(items.first?.object?["id"] == .string("fischer2015jugend"))
        #expect(items.first?.object?["title"] == .string("Jugend im Blick: Gesellschaftliche Konstruktionen und pädagogische Zugänge"))
    }

    @Test func anUnknownIdIsAClearErrorAndAnUnknownFormatBadUsage() throws {
        let site = try Self.siteWithTheSample()
        let unknown = try site.run("show", "mueller1999nichts")
        #expect(unknown.status == 1)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("no record has the id \"mueller1999nichts\""), "\(unknown.stderr)")
        let format = try site.run("show", "fischer2015jugend", "--format", "html")
        #expect(format.status == 2)
        #expect(format.stderr.contains("unknown format \"html\": use citation, bibtex, ris or csl-json"), "\(format.stderr)")
        let noID = try site.run("show")
        #expect(noID.status == 2)
    }
}
