import ArchivarCore
import ArchivarTestSupport
@testable import Bibliography
import Foundation
import Testing

/// The three writers on every record shape the institute's bibliography has (the
/// `csl-json/shapes.json` fixture), checked by the programs that read their output and
/// by reading it back.
@Suite struct BibliographyExportTests {
    static func shapes() throws -> [Record] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/csl-json/shapes.json", withExtension: nil))
        let read = try CSLJSONReader.read(Data(contentsOf: url), path: "shapes.json")
        #expect(read.problems.isEmpty)
        return read.records
    }

    static func record(_ id: String) throws -> Record {
        try #require(try shapes().first { $0.id == id })
    }

    @Test func bibtexAndBiberReadEveryShapeWithoutAWarning() throws {
        let directory = try TemporaryDirectory("bibtex-tools")
        let bib = try directory.write(BibTeXWriter.write(try Self.shapes()), to: "export.bib")
        #expect(try BibliographyTools.bibtexComplaints(bib) == [])
        #expect(try BibliographyTools.biberComplaints(bib) == [])
    }

    @Test func bibtexIsUTF8WithAnEncodingNoteAndProtectedCapitals() throws {
        let text = BibTeXWriter.write(try Self.shapes())
        #expect(text.hasPrefix("@comment{Encoding: UTF-8. Written by Archivar.}\n"))
        #expect(text.contains("author = {Müller, Anna}"), "German letters stay UTF-8, not LaTeX accents")
        #expect(text.contains("title = {{Praxisforschung} in der {Jugendhilfeplanung}: {Eine} {Übersicht} über 50\\% der {Kommunen} \\& mehr}"),
                "capitals braced, punctuation outside the braces, specials escaped")
    }

    @Test func classicEntryTypesOnlySoThatPlainBibtexKnowsEveryEntry() throws {
        let text = BibTeXWriter.write(try Self.shapes())
        let types = Set(text.matches(of: #/\n@(\w+)\{/#).map { String($0.output.1) })
        let classic: Set = ["article", "book", "booklet", "inbook", "incollection", "inproceedings", "manual",
                            "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished"]
        #expect(types.isSubset(of: classic), "\(types.subtracting(classic))")
        #expect(text.contains("@book{fischer2023praxisforschung,"), "a journal issue is a book by its editors")
        #expect(text.contains("entrysubtype = {periodical}"))
        #expect(text.contains("@misc{janson2022herbstforum,") && text.contains("entrysubtype = {webpage}"))
    }

    @Test(arguments: ["bibtex", "ris", "csl-json"])
    func everyShapeReadsBackAsTheSameRecord(format: String) throws {
        let records = try Self.shapes()
        let back: (records: [Record], problems: [Problem])
        switch format {
        case "bibtex": back = BibTeXReader.read(Data(BibTeXWriter.write(records).utf8), path: "export.bib")
        case "ris": back = RISReader.read(Data(RISWriter.write(records).utf8), path: "export.ris")
        default: back = try CSLJSONReader.read(CSLJSONWriter.write(records), path: "export.json")
        }
        #expect(back.problems.isEmpty, "\(back.problems)")
        #expect(back.records.map(\.id) == records.map(\.id))
        for (original, reread) in zip(records, back.records) {
            #expect(reread == original, "\(format): \(original.id)")
        }
    }

    @Test func risKeepsTheKeyTheIssueTheSeriesNumberAndTheReportNumberWhereZoteroLooks() throws {
        let text = RISWriter.write(try Self.shapes())
        let entries = text.components(separatedBy: "ER  - \r\n").map { String($0.drop(while: \.isNewline)) }
        let issue = try #require(entries.first { $0.contains("ID  - fischer2023praxisforschung") })
        #expect(issue.hasPrefix("TY  - JFULL\r\n"), "a whole journal issue")
        #expect(issue.contains("A2  - Fischer, Jörg\r\n"), "editors of a journal item are A2")
        #expect(issue.contains("SP  - 98\r\n"))
        let book = try #require(entries.first { $0.contains("ID  - fischer2019netzwerke") })
        #expect(book.contains("M1  - 12\r\n"), "Zotero's seriesNumber of a book")
        let report = try #require(entries.first { $0.contains("ID  - ikpe2021sozialbericht") })
        #expect(report.contains("SN  - 3\r\n"), "Zotero's reportNumber")
        let thesis = try #require(entries.first { $0.contains("ID  - klein2017quartiersarbeit") })
        #expect(thesis.contains("M3  - Dissertation\r\n"), "Zotero's thesisType")
    }

    @Test func pandocFormatsEveryShapeFromEitherFileWithoutAWarning() throws {
        let records = try Self.shapes()
        let directory = try TemporaryDirectory("pandoc-shapes")
        let json = directory.file("export.json")
        try CSLJSONWriter.write(records).write(to: json)
        let bib = try directory.write(BibTeXWriter.write(records), to: "export.bib")
        for bibliography in [json, bib] {
            let run = try BibliographyTools.citeproc(citing: records.map(\.id), bibliography: bibliography)
            #expect(run.status == 0, "\(bibliography.lastPathComponent): \(run.stderr)")
            #expect(run.stderr.isEmpty, "\(bibliography.lastPathComponent): \(run.stderr)")
            #expect(run.stdout.contains("Müller, Anna. 2020. „Beitrag über Straßenplanung im ländlichen Raum“."), "\(run.stdout)")
        }
    }

    @Test func theGermanCitationOfAChapterWithPagesReadsBack() throws {
        for id in ["mueller2020beitrag", "weber2019kapitel"] {
            let record = try Self.record(id)
            let line = GermanCitation.format(record)
            let parsed = try CitationLineParser.citation(line)
            for field in ["type", "title", "container-title", "publisher", "publisher-place", "page"] {
                #expect(parsed.text(field) == record.text(field), "\(field) in \(line)")
            }
        }
    }
}
