import ArchivarCore
import Bibliography
import Foundation
import Testing

@Suite struct RISTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Bundle.module.url(forResource: "Fixtures/ris/\(name)", withExtension: nil)!)
    }

    static func read(_ text: String) -> (records: [Record], problems: [Problem]) {
        RISReader.read(Data(text.utf8), path: "test.ris")
    }

    static func names(_ names: [Name]) -> [String] { names.map(\.inverted) }

    @Test func zoteroExportWithBOMAndCRLFGivesEveryRecordWithoutProblems() throws {
        let (records, problems) = RISReader.read(try Self.fixture("zotero.ris"), path: "zotero.ris")
        #expect(problems.isEmpty)
        #expect(records.map(\.type) == ["chapter", "article-journal", "book", "report", "thesis",
                                        "paper-conference", "webpage", "article-newspaper", "article-magazine", "document"])
        #expect(records.allSatisfy { $0.id.isEmpty })
    }

    @Test func chapterHasAuthorsEditorsBookPagesAndFullDate() throws {
        let chapter = RISReader.read(try Self.fixture("zotero.ris"), path: "zotero.ris").records[0]
        #expect(chapter.title == "Unbegleitete minderjährige Flüchtlinge in der Jugendhilfeplanung")
        #expect(Self.names(chapter.authors) == ["Fischer, Jörg", "Graßhoff, Gunther"])
        #expect(Self.names(chapter.editors) == ["Hilse-Carstensen, Theresa", "van der Berg, Kees"])
        #expect(chapter.editors[1].nonDroppingParticle == "van der")
        #expect(chapter.containerTitle == "Handbuch Kommunale Planung")
        #expect(chapter.text("collection-title") == "Soziale Arbeit und Kommune")
        #expect(chapter.text("page") == "12-34")
        #expect(chapter.issued == IssuedDate(year: 2016, month: 5, day: 12))
        #expect(chapter.publisher == "Beltz Juventa")
        #expect(chapter.publisherPlace == "Weinheim")
        #expect(chapter.isbn == "978-3-7799-3382-3")
        #expect(chapter.url == "https://example.org/handbuch")
        #expect(chapter.abstract == "Wie Kommunen planen.")
        #expect(chapter.language == "de")
        #expect(chapter.text("keyword") == "Jugendhilfeplanung, Flüchtlinge")
        #expect(chapter.text("note") == "Zweitveröffentlichung")
    }

    @Test func journalArticleHasVolumeIssueISSNAndDOI() throws {
        let article = RISReader.read(try Self.fixture("zotero.ris"), path: "zotero.ris").records[1]
        #expect(article.containerTitle == "Sozialmagazin")
        #expect(article.text("volume") == "48")
        #expect(article.text("issue") == "9-10")
        #expect(article.text("page") == "5-9")
        #expect(article.text("ISSN") == "0340-8728")
        #expect(article.isbn == nil)
        #expect(article.doi == "10.3262/SM2309005")
    }

    @Test func bookReadsA3AsEditorT2AsSeriesAndLoneSPAsPageCount() throws {
        let book = RISReader.read(try Self.fixture("zotero.ris"), path: "zotero.ris").records[2]
        #expect(book.authors == [Name(literal: "Institut für kommunale Planung und Entwicklung")])
        #expect(Self.names(book.editors) == ["Fischer, Jörg"])
        #expect(book.text("collection-title") == "Edition Sozialpolitik")
        #expect(book.containerTitle == nil)
        #expect(book.text("edition") == "2., durchgesehene und erweiterte Auflage")
        #expect(book.text("number-of-pages") == "298")
        #expect(book.text("page") == nil)
    }

    @Test func citaviAndEndNoteSpacingJunkWrappedLinesAndEditedBooksAreRead() throws {
        let (records, problems) = RISReader.read(try Self.fixture("citavi-endnote.ris"), path: "citavi-endnote.ris")
        #expect(problems.isEmpty)
        #expect(records.count == 2)
        let edited = records[0]
        #expect(edited.type == "book")
        #expect(edited.authors.isEmpty)
        #expect(Self.names(edited.editors) == ["Fischer, Jörg", "Graßhoff, Gunther"])
        #expect(edited.title == "Unbegleitete minderjährige Flüchtlinge")
        #expect(edited.issued == IssuedDate(year: 2016))
        #expect(edited.abstract == "Erste Zeile des Abstracts,\ndie auf der nächsten Zeile weitergeht.")
        let article = records[1]
        #expect(article.id == "fischer2021titel")
        #expect(Self.names(article.authors) == ["Fischer, Jörg"])
        #expect(article.title == "Ein Titel, der zu lang für eine Zeile ist und umbrochen wurde")
        #expect(article.containerTitle == "Sozialmagazin")
        #expect(article.issued == IssuedDate(year: 2021, month: 11))
        #expect(article.text("page") == "5–9")
        #expect(article.text("keyword") == "Planung; Kommune")
    }

    @Test func brokenInputNamesEachProblemByLineAndKeepsTheOtherRecords() throws {
        let (records, problems) = RISReader.read(try Self.fixture("broken.ris"), path: "broken.ris")
        #expect(records.map(\.title) == ["Guter Artikel", "Buch mit kaputter Zeile", "Bericht ohne ER am Ende"])
        #expect(problems.map(\.line) == [1, 14, 16, 18])
        #expect(problems.map(\.itemKept) == [false, true, true, true], "only the lines outside a record are lost")
        #expect(problems[0].message.contains("no TY"))
        #expect(problems[1].message.contains("not a RIS tag line"))
        #expect(problems[2].message.contains("ER line without a record"))
        #expect(problems[3].message.contains("no ER line at the end of the file"))
    }

    @Test func aRecordCutOffByTheNextTYIsKeptAndNamed() {
        let (records, problems) = Self.read("TY  - JOUR\nTI  - Erster\nTY  - BOOK\nTI  - Zweiter\nER  - \n")
        #expect(records.map(\.title) == ["Erster", "Zweiter"])
        #expect(problems == [.note(line: 1, "record has no ER line before the next TY (line 3): kept")])
    }

    @Test func textWithoutAnyRecordIsReportedNotSilentlyEmpty() {
        let (records, problems) = Self.read("@article{x, title={BibTeX}}\n")
        #expect(records.isEmpty)
        #expect(problems.count == 1 && problems[0].message.contains("test.ris holds no RIS record"))
    }

    @Test func risTypesMapToCSLTypes() {
        let expected = [
            "JOUR": "article-journal", "BOOK": "book", "CHAP": "chapter", "EDBOOK": "book", "RPRT": "report",
            "THES": "thesis", "CONF": "paper-conference", "CPAPER": "paper-conference", "ELEC": "webpage",
            "WEB": "webpage", "NEWS": "article-newspaper", "MGZN": "article-magazine", "GEN": "document",
        ]
        for (code, type) in expected {
            #expect(Self.read("TY  - \(code)\nTI  - T\nER  - \n").records.first?.type == type, "TY \(code)")
        }
        let unknown = Self.read("TY  - XYZ\nTI  - T\nER  - \n")
        #expect(unknown.records.first?.type == "document")
        #expect(unknown.problems.first?.message.contains("unknown RIS type \"XYZ\"") == true)
    }

    @Test func datesInEveryRISShapeAndUnreadableDatesKeptAsText() {
        func issued(_ tags: String) -> IssuedDate? { Self.read("TY  - GEN\n\(tags)\nER  - \n").records.first?.issued }
        #expect(issued("PY  - 2016") == IssuedDate(year: 2016))
        #expect(issued("PY  - 2016///") == IssuedDate(year: 2016))
        #expect(issued("PY  - 2016/05/12/") == IssuedDate(year: 2016, month: 5, day: 12))
        #expect(issued("PY  - 2016/05//Spring") == IssuedDate(year: 2016, month: 5))
        #expect(issued("DA  - 2016-05-12") == IssuedDate(year: 2016, month: 5, day: 12))
        #expect(issued("PY  - 2016\nDA  - 2016/05/12/") == IssuedDate(year: 2016, month: 5, day: 12))
        let (records, problems) = Self.read("TY  - GEN\nPY  - Sommer 2016\nER  - \n")
        #expect(records.first?.issued?.literal == "Sommer 2016")
        #expect(problems.first?.message.contains("\"Sommer 2016\" is not YYYY or YYYY/MM/DD") == true)
    }

    @Test func onlyAUsableCitationKeyInIDBecomesTheId() {
        #expect(Self.read("TY  - GEN\nID  - 42 Foo\nER  - \n").records.first?.id == "")
        #expect(Self.read("TY  - GEN\nID  - mueller2020\nER  - \n").records.first?.id == "mueller2020")
    }

    @Test func latin1FileIsReadAndSaidSo() {
        let data = Data("TY  - GEN\nTI  - Gr\u{FC}n \u{201E}Stadt\u{201C}\nER  - \n".data(using: .windowsCP1252)!)
        let (records, problems) = RISReader.read(data, path: "alt.ris")
        #expect(records.first?.title == "Grün „Stadt“")
        #expect(problems == [.note(line: 2, "not UTF-8 here and in 2 more places: read as Windows-1252 (Latin-1)")])
    }

    @Test func aFileJoinedFromUTF8AndLatin1KeepsBothReadable() {
        var data = Data("\u{FEFF}TY  - GEN\r\nTI  - Müller\r\nER  - \r\n".utf8)
        data.append("TY  - GEN\r\nTI  - M\u{FC}ller\r\nER  - \r\n".data(using: .isoLatin1)!)
        let (records, problems) = RISReader.read(data, path: "gemischt.ris")
        #expect(records.map(\.title) == ["Müller", "Müller"])
        #expect(problems == [.note(line: 5, "not UTF-8: read as Windows-1252 (Latin-1)")])
    }

    @Test func writtenRISIsWhatZoteroImports() throws {
        var record = Record(id: "fischer2016handbuch")
        record.type = "chapter"
        record.title = "Beitrag"
        record.authors = [Name(family: "Fischer", given: "Jörg"), Name(literal: "IKPE")]
        record.editors = [Name(family: "Berg", given: "Kees", nonDroppingParticle: "van der")]
        record.containerTitle = "Handbuch"
        record.issued = IssuedDate(year: 2016, month: 5)
        record.setText("page", "12-34")
        record.setText("keyword", "Planung, Kommune")
        record.setText("note", "Erste Zeile\nZweite Zeile")
        record.kind = RecordKind.publication
        let text = RISWriter.write([record, Record(fields: ["type": .string("book"), "title": .string("Buch")])])

        let lines = text.components(separatedBy: "\r\n")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
        #expect(lines.first == "TY  - CHAP")
        #expect(lines.filter { $0.hasPrefix("TY  - ") } == ["TY  - CHAP", "TY  - BOOK"])
        #expect(lines.filter { $0.hasPrefix("ER  - ") }.count == 2)
        #expect(lines.filter { $0.hasPrefix("AU  - ") } == ["AU  - Fischer, Jörg", "AU  - IKPE"])
        #expect(lines.contains("A2  - van der Berg, Kees"))
        #expect(lines.contains("T2  - Handbuch"))
        #expect(lines.contains("PY  - 2016"))
        #expect(lines.contains("DA  - 2016/05//"))
        #expect(lines.contains("SP  - 12") && lines.contains("EP  - 34"))
        #expect(lines.filter { $0.hasPrefix("KW  - ") } == ["KW  - Planung", "KW  - Kommune"])
        #expect(lines.contains("N1  - Erste Zeile") && lines.contains("Zweite Zeile"))
        #expect(!text.contains("publication"), "archive fields stay out")
        // Each record runs from its TY to its ER.
        let tyIndex = lines.firstIndex(of: "TY  - BOOK")!
        #expect(lines[tyIndex - 2].hasPrefix("ER  - ") && lines[tyIndex - 1].isEmpty)
    }

    @Test func readWriteReadGivesTheSameRecordsForEveryShape() throws {
        for fixture in ["zotero.ris", "citavi-endnote.ris"] {
            let first = RISReader.read(try Self.fixture(fixture), path: fixture)
            let second = Self.read(RISWriter.write(first.records))
            #expect(second.problems.isEmpty, "\(fixture)")
            // Ids are not written: the pipeline derives the citation key again.
            #expect(second.records.map(\.fields) == first.records.map(\.fields), "\(fixture)")
        }
    }

    @Test func risPluginIsRegistered() {
        #expect(BibliographyPlugin.plugins.contains { $0.name == "ris" && $0.roleName == "ingest" })
    }
}
