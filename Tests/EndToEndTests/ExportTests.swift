import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// `archivar export` through the built binary on the bundled sample catalog, checked by
/// the programs the export is for: bibtex, biber, pandoc's citeproc, and the CSL-JSON
/// schema's rules and Zotero's RIS importer's expectations.
@Suite struct ExportTests {
    /// A site with every bundled source harvested: publications, press items, partner posts.
    static func harvestedSite() throws -> ArchivarSite {
        let site = try ArchivarSite()
        let harvest = try site.run("harvest", "--all")
        #expect(harvest.status == 0, "\(harvest.stderr)")
        return site
    }

    /// `export --format FORMAT [QUERY]`, expected to succeed; its stdout saved as `name`.
    static func export(_ site: ArchivarSite, _ format: String, query: String? = nil, to name: String) throws -> URL {
        let process = try site.start(["export", "--format", format] + (query.map { [$0] } ?? []))
        process.process.waitUntilExit()
        let outcome = process.outcome()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try site.directory.write(outcome.stdout, to: name)
    }

    static func ids(inCSLJSON file: URL) throws -> [String] {
        try #require(try JSONValue.parse(Data(contentsOf: file)).array).map { try #require($0.object?["id"]?.text) }
    }

    @Test func withoutAQueryEveryPublicationAndNoFeedItemIsExported() throws {
        let site = try Self.harvestedSite()
        let ids = try Self.ids(inCSLJSON: Self.export(site, "csl-json", to: "alles.json"))
        #expect(ids.count == 18)
        #expect(Set(ids) == Set(try CSLSample.records().keys), "the sample's publications, not the 58 news and partner posts")
    }

    @Test func withAQueryTheRecordsTheSearchFindsAreExported() throws {
        let site = try Self.harvestedSite()
        let search = try site.run("search", "--json", "--limit", "200", "Sozialmagazin")
        let found = try #require(try JSONValue.parse(Data(search.stdout.utf8)).object?["hits"]?.array)
            .compactMap { $0.object?["id"]?.text }
        #expect(!found.isEmpty && found.count < 18, "\(found)")
        let exported = try Self.ids(inCSLJSON: Self.export(site, "csl-json", query: "Sozialmagazin", to: "treffer.json"))
        #expect(exported == found, "best match first, as the search ranks them")

        let nothing = try site.run("export", "--format", "ris", "Zzzyxwortgibtesnicht")
        #expect(nothing.status == 0)
        #expect(nothing.stdout.isEmpty)
        #expect(nothing.stderr.contains("nothing to export: no record matches „Zzzyxwortgibtesnicht“"), "\(nothing.stderr)")
    }

    @Test func bibtexAndBiberReadTheBibTeXExportWithoutAWarning() throws {
        let site = try Self.harvestedSite()
        let bib = try Self.export(site, "bibtex", to: "export.bib")
        let text = try String(contentsOf: bib, encoding: .utf8)
        #expect(text.hasPrefix("@comment{Encoding: UTF-8. Written by Archivar.}\n"))
        #expect(text.contains("editor = {Fischer, Jörg and Graßhoff, Gunther}"), "German letters as UTF-8")
        #expect(text.contains("publisher = {Juventa Verlag ein Imprint der Julius Beltz GmbH \\& Co. KG}"), "specials escaped")
        #expect(text.contains("title = {{Handbuch} {Kommunale} {Planung} und {Steuerung}}"), "German nouns keep their capitals")
        #expect(text.components(separatedBy: "\n\n@").count - 1 == 18, "one entry per publication after the note")
        #expect(try BibliographyTools.bibtexComplaints(bib) == [])
        #expect(try BibliographyTools.biberComplaints(bib) == [])
    }

    @Test func theCSLJSONExportFollowsTheSchema() throws {
        let site = try Self.harvestedSite()
        let file = try Self.export(site, "csl-json", to: "export.json")
        let items = try #require(try JSONValue.parse(Data(contentsOf: file)).array)
        #expect(items.count == 18)
        for item in items {
            let object = try #require(item.object, "every item is an object")
            #expect(CSLSchemaRules.violations(object) == [], "\(object["id"] ?? .null)")
            #expect(object["kind"] == nil && object["category"] == nil && object["source"] == nil, "archive fields stay home")
        }
    }

    @Test func theRISExportIsWhatZoteroImports() throws {
        let site = try Self.harvestedSite()
        let text = try String(contentsOf: Self.export(site, "ris", to: "export.ris"), encoding: .utf8)
        // Zotero's RIS translator: "TY  - " starts a record, "ER  - " ends it, tags are two
        // characters, a type it knows, and one value per line.
        let zoteroTypes: Set = ["BOOK", "CHAP", "JOUR", "JFULL", "RPRT", "THES", "CONF", "ELEC", "NEWS", "MGZN", "GEN"]
        let records = text.components(separatedBy: "ER  - \r\n").dropLast()
        #expect(records.count == 18)
        #expect(text.hasSuffix("ER  - \r\n\r\n"))
        for record in records {
            let lines = record.drop(while: \.isNewline).components(separatedBy: "\r\n").dropLast()
            let type = try #require(lines.first?.firstMatch(of: #/^TY  - (\w+)$/#)?.output.1, "\(record)")
            #expect(zoteroTypes.contains(String(type)))
            for line in lines {
                #expect(line.wholeMatch(of: #/[A-Z][A-Z0-9]  - \S.*/#) != nil, "\(line)")
            }
        }
        #expect(text.contains("TY  - JFULL\r\nID  - fischer2023praxisforschung\r\nA2  - Fischer, Jörg\r\n"),
                "a journal issue, its editors where Zotero reads a journal item's editors")
        #expect(text.contains("TY  - BOOK\r\nID  - fischer2022handbuch\r\nA3  - Fischer, Jörg\r\n"), "a book's editors are A3")
        #expect(text.contains("M1  - 5\r\n"), "Zotero's series number of a book (5. Sonderband)")
    }

    /// Must show: the export opens in pandoc without errors, as CSL-JSON and as BibTeX.
    @Test func pandocCitesEveryExportedKeyFromEitherBibliographyWithoutAWarning() throws {
        let site = try Self.harvestedSite()
        let json = try Self.export(site, "csl-json", to: "literatur.json")
        let bib = try Self.export(site, "bibtex", to: "literatur.bib")
        let keys = try Self.ids(inCSLJSON: json)
        #expect(keys.count == 18)
        for bibliography in [json, bib] {
            let run = try BibliographyTools.citeproc(citing: keys, bibliography: bibliography)
            #expect(run.status == 0, "\(bibliography.lastPathComponent): \(run.stderr)")
            #expect(run.stderr.isEmpty, "\(bibliography.lastPathComponent): no “citation not found” or any warning: \(run.stderr)")
            #expect(!run.stdout.contains("???"), "every citation resolved")
            #expect(run.stdout.contains("Fischer, Jörg, und Gunther Graßhoff, Hrsg. 2016. Unbegleitete minderjährige Flüchtlinge"),
                    "\(bibliography.lastPathComponent): \(run.stdout)")
        }
    }

    @Test func anUnknownOrMissingFormatIsBadUsage() throws {
        let site = try ArchivarSite()
        let unknown = try site.run("export", "--format", "endnote")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown format \"endnote\": use bibtex, ris or csl-json"), "\(unknown.stderr)")
        let missing = try site.run("export")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--format is required"), "\(missing.stderr)")
    }
}
