import ArchivarCore
import ArchivarTestSupport
import Bibliography
import Foundation
import Synchronization
import Testing

/// German citation lines in the institute's style, and their common variants, read into
/// CSL-JSON records (the `citations` plugin).
@Suite struct CitationLineTests {
    static func read(_ line: String) throws -> Record {
        try CitationLineParser.citation(line)
    }

    static func names(_ names: [Name]) -> [String] { names.map(\.inverted) }

    // MARK: The institute's shapes

    @Test func editedVolumeInASpecialIssueSeries() throws {
        let record = try Self.read("Fischer, Jörg/Graßhoff, Gunther (Hrsg.) (2016): Titel. Untertitel. 1. Sonderband 2016 der Zeitschrift „Sozialmagazin“, Weinheim: Juventa.")
        #expect(record.type == "book")
        #expect(Self.names(record.editors) == ["Fischer, Jörg", "Graßhoff, Gunther"])
        #expect(record.authors.isEmpty)
        #expect(record.issued?.year == 2016)
        #expect(record.title == "Titel: Untertitel")
        #expect(record.text("collection-title") == "Sonderband Sozialmagazin")
        #expect(record.text("collection-number") == "1")
        #expect(record.publisherPlace == "Weinheim")
        #expect(record.publisher == "Juventa")
        #expect(record.kind == RecordKind.publication)
    }

    @Test func journalIssueWithVolumeAndPageCountDropsTheBareLinkMarker() throws {
        let record = try Self.read("Fischer, Jörg/Hilse-Carstensen, Theresa (Hrsg.) (2023): Praxisforschung. Heft 9-10/2023 des „Sozialmagazin“, 48. Jg., Weinheim: Beltz Juventa. (98 Seiten) [Link]")
        #expect(record.type == "periodical")
        #expect(Self.names(record.editors) == ["Fischer, Jörg", "Hilse-Carstensen, Theresa"])
        #expect(record.title == "Praxisforschung")
        #expect(record.containerTitle == "Sozialmagazin")
        #expect(record.text("issue") == "9-10")
        #expect(record.text("volume") == "48")
        #expect(record.text("number-of-pages") == "98")
        #expect(record.publisherPlace == "Weinheim")
        #expect(record.publisher == "Beltz Juventa")
        #expect(record.url == nil)
    }

    @Test func monographWithEditionPlaceAndPublisher() throws {
        let record = try Self.read("Fischer, Jörg (2019): Netzwerke und Soziale Arbeit. Theorien, Methoden, Anwendungen. (2., durchgesehene und erweiterte Auflage) Opladen: Budrich.")
        #expect(record.type == "book")
        #expect(Self.names(record.authors) == ["Fischer, Jörg"])
        #expect(record.title == "Netzwerke und Soziale Arbeit: Theorien, Methoden, Anwendungen")
        #expect(record.text("edition") == "2")
        #expect(record.publisherPlace == "Opladen")
        #expect(record.publisher == "Budrich")
    }

    @Test(arguments: ["Titel. 3. Aufl. Weinheim: Juventa.", "Titel. (3. Auflage) Weinheim: Juventa."])
    func editionWithOrWithoutParentheses(rest: String) throws {
        let record = try Self.read("Fischer, Jörg (2019): " + rest)
        #expect(record.text("edition") == "3")
        #expect(record.title == "Titel")
        #expect(record.publisher == "Juventa")
    }

    @Test func editionWithoutANumberIsKeptAsWritten() throws {
        let record = try Self.read("Fischer, Jörg (2019): Titel. (Neuausgabe) Weinheim: Juventa.")
        #expect(record.text("edition") == "Neuausgabe")
    }

    @Test func placeWithAbbreviationOrTwoCities() throws {
        let frankfurt = try Self.read("Meier, Anna (2018): Stadtplanung. Frankfurt a. M.: Campus.")
        #expect(frankfurt.publisherPlace == "Frankfurt a. M.")
        #expect(frankfurt.publisher == "Campus")
        let two = try Self.read("Meier, Anna (2018): Stadtplanung. Opladen/Toronto: Budrich.")
        #expect(two.publisherPlace == "Opladen/Toronto")
    }

    @Test func titleWithAColonIsNotTakenForAPlace() throws {
        let record = try Self.read("Meier, Anna (2018): Soziale Arbeit: Theorien und Methoden.")
        #expect(record.title == "Soziale Arbeit: Theorien und Methoden")
        #expect(record.publisher == nil)
        #expect(record.publisherPlace == nil)
    }

    @Test func chapterInAnEditedVolume() throws {
        let record = try Self.read("Autor, A. (2020): Beitrag. In: Hrsg., H. (Hrsg.): Buch. Ort: Verlag, S. 12–34.")
        #expect(record.type == "chapter")
        #expect(Self.names(record.authors) == ["Autor, A."])
        #expect(Self.names(record.editors) == ["Hrsg., H."])
        #expect(record.title == "Beitrag")
        #expect(record.containerTitle == "Buch")
        #expect(record.publisherPlace == "Ort")
        #expect(record.publisher == "Verlag")
        #expect(record.text("page") == "12-34")
        #expect(record.issued?.year == 2020)
    }

    @Test func journalArticleWithVolumeIssueAndPages() throws {
        let record = try Self.read("Autor, A. (2021): Titel. In: Zeitschrift 46 (11-12), S. 5–9.")
        #expect(record.type == "article-journal")
        #expect(record.title == "Titel")
        #expect(record.containerTitle == "Zeitschrift")
        #expect(record.text("volume") == "46")
        #expect(record.text("issue") == "11-12")
        #expect(record.text("page") == "5-9")
        #expect(record.editors.isEmpty)
    }

    @Test func journalArticleWithJahrgangAndHeft() throws {
        let record = try Self.read("Fischer, Jörg (2021): Titel. In: Sozialmagazin, 46. Jg., Heft 3/2021, S. 5-9.")
        #expect(record.type == "article-journal")
        #expect(record.containerTitle == "Sozialmagazin")
        #expect(record.text("volume") == "46")
        #expect(record.text("issue") == "3")
        #expect(record.text("page") == "5-9")
    }

    // MARK: Variants

    @Test(arguments: ["/", "; ", " und ", " & "])
    func authorSeparators(separator: String) throws {
        let record = try Self.read("Fischer, Jörg\(separator)Huber, Stefan (2020): Titel.")
        #expect(Self.names(record.authors) == ["Fischer, Jörg", "Huber, Stefan"])
    }

    @Test(arguments: ["u. a.", "u.a.", "et al."])
    func etAlIsDroppedFromTheNames(mark: String) throws {
        let record = try Self.read("Fischer, Jörg/Huber, Stefan \(mark) (2020): Titel.")
        #expect(Self.names(record.authors) == ["Fischer, Jörg", "Huber, Stefan"])
    }

    @Test func initialsStayAsGivenNames() throws {
        let record = try Self.read("Fischer, J./Meier, K.-H. (2020): Titel.")
        #expect(record.authors.map(\.given) == ["J.", "K.-H."])
        #expect(record.authors.map(\.family) == ["Fischer", "Meier"])
    }

    @Test func particlesBelongToTheFamilyName() throws {
        let record = try Self.read("van der Berg, Kees/von Kardorff, Ernst/Weber dos Santos, Nancy (2020): Titel.")
        let authors = record.authors
        #expect(authors.map(\.family) == ["Berg", "Kardorff", "Weber dos Santos"])
        #expect(authors.map(\.nonDroppingParticle) == ["van der", "von", nil])
        #expect(Self.names(authors) == ["van der Berg, Kees", "von Kardorff, Ernst", "Weber dos Santos, Nancy"])
    }

    @Test func namesInReadingOrder() throws {
        let record = try Self.read("Kees van der Berg und Jörg Fischer (2020): Titel.")
        #expect(Self.names(record.authors) == ["van der Berg, Kees", "Fischer, Jörg"])
    }

    @Test func doubleFamilyNamesStayWhole() throws {
        let record = try Self.read("Hilse-Carstensen, Theresa/Braches-Chyrek, Rita (2020): Titel.")
        #expect(record.authors.map(\.family) == ["Hilse-Carstensen", "Braches-Chyrek"])
    }

    @Test(arguments: ["(Hrsg.)", "(Hg.)", "(Eds.)", "(Ed.)", "(hrsg.)"])
    func editorMarks(mark: String) throws {
        let record = try Self.read("Fischer, Jörg \(mark) (2020): Titel. Weinheim: Juventa.")
        #expect(Self.names(record.editors) == ["Fischer, Jörg"])
        #expect(record.authors.isEmpty)
    }

    @Test(arguments: ["S. 12–34", "S. 12-34", "S. 12 – 34", "S. 12—34"])
    func pageRangeDashesAreOneRange(pages: String) throws {
        let record = try Self.read("Autor, A. (2021): Titel. In: Zeitschrift 46 (3), \(pages).")
        #expect(record.text("page") == "12-34")
    }

    @Test func missingFinalPeriodChangesNothing() throws {
        var with = try Self.read("Autor, A. (2020): Beitrag. In: Hrsg., H. (Hrsg.): Buch. Ort: Verlag, S. 12–34.")
        var without = try Self.read("Autor, A. (2020): Beitrag. In: Hrsg., H. (Hrsg.): Buch. Ort: Verlag, S. 12–34")
        with.setText("note", nil)
        without.setText("note", nil)
        #expect(with == without)
    }

    @Test func urlAndDOIAreKept() throws {
        let url = try Self.read("Fischer, Jörg (2020): Titel. Weinheim: Juventa. https://example.org/titel.pdf")
        #expect(url.url == "https://example.org/titel.pdf")
        #expect(url.publisher == "Juventa")
        let doi = try Self.read("Autor, A. (2021): Titel. In: Zeitschrift 46 (3), S. 5-9. doi:10.1000/xyz123")
        #expect(doi.doi == "10.1000/xyz123")
        #expect(doi.text("page") == "5-9")
    }

    @Test func theCitationAsGivenIsKeptInTheNote() throws {
        let record = try Self.read("  Fischer, Jörg (2020):\tTitel.  Weinheim: Juventa. ")
        #expect(record.text("note") == "Fischer, Jörg (2020): Titel. Weinheim: Juventa.")
    }

    // MARK: Lines and paragraphs

    @Test func oneCitationPerLine() {
        let result = CitationLineParser.parse("""
            Fischer, Jörg (2020): Erster Titel. Weinheim: Juventa.
            Huber, Stefan (2021): Zweiter Titel. Opladen: Budrich.
            Meier, Anna (2022): Dritter Titel.
            """)
        #expect(result.problems.isEmpty)
        #expect(result.records.map(\.title) == ["Erster Titel", "Zweiter Titel", "Dritter Titel"])
    }

    @Test func citationsWrappedOverLinesAndSeparatedByBlankLines() {
        let result = CitationLineParser.parse("""
            Fischer, Jörg/Huber, Stefan (Hrsg.) (2020): Ein langer Titel,
            der umbricht. Weinheim:
            Juventa.

            Huber, Stefan (2021): Zweiter
            Titel. Opladen: Budrich.
            """)
        #expect(result.problems.isEmpty)
        #expect(result.records.map(\.title) == ["Ein langer Titel, der umbricht", "Zweiter Titel"])
        #expect(result.records.map(\.publisher) == ["Juventa", "Budrich"])
    }

    @Test func listMarkersStartCitations() {
        let result = CitationLineParser.parse("""
             * Fischer, Jörg (2020): Titel. Heft
               9-10/2020 des „Sozialmagazin“, 45. Jg., Weinheim: Juventa.
             • Huber, Stefan (2021): Anderer Titel.
             - Meier, Anna (2022): Dritter Titel.
            """)
        #expect(result.problems.isEmpty)
        #expect(result.records.map(\.type) == ["periodical", "book", "book"])
        #expect(result.records.first?.text("issue") == "9-10")
    }

    @Test func byteOrderMarkAndCRLFAreTolerated() throws {
        let text = "\u{FEFF}Fischer, Jörg (2020): Titel.\r\nWeinheim: Juventa.\r\n\r\nHuber, Stefan (2021): Zweiter Titel.\r\n"
        let result = try CitationLineParser.read(Data(text.utf8), path: "liste.txt")
        #expect(result.problems.isEmpty)
        #expect(result.records.map(\.title) == ["Titel", "Zweiter Titel"])
        #expect(result.records.first?.authors.first?.family == "Fischer")
        #expect(result.records.first?.publisher == "Juventa")
    }

    @Test func textThatIsNotUTF8IsRefusedNamingTheFile() {
        #expect {
            try CitationLineParser.read(Data([0x46, 0xFC, 0x72, 0x0A]), path: "liste.txt")
        } throws: { error in
            "\(error)".contains("liste.txt") && "\(error)".contains("UTF-8")
        }
    }

    // MARK: Rejections

    @Test func garbageLinesAreRejectedWithLineAndReasonAndTheRestIsKept() {
        let result = CitationLineParser.parse("""
            Fischer, Jörg (2020): Guter Titel. Weinheim: Juventa.

            Das ist keine Literaturangabe.

            (2020): Titel ohne Namen.

            Fischer, Jörg (2020):

            2020 – 2023

            123 456 (2019): Zahlen statt Namen.
            Huber, Stefan (2021): Noch ein guter Titel.
            """)
        #expect(result.records.map(\.title) == ["Guter Titel", "Noch ein guter Titel"])
        #expect(result.problems.map(\.line) == [3, 5, 7, 9, 11])
        let reasons = result.problems.map(\.message)
        #expect(reasons[0].hasPrefix("no year in parentheses"))
        #expect(reasons[1].hasPrefix("no author or editor before the year"))
        #expect(reasons[2].hasPrefix("no title after the year"))
        #expect(reasons[3].hasPrefix("no year in parentheses"))
        #expect(reasons[4].hasPrefix("„123 456“ is not a list of names"))
        #expect(reasons[0].hasSuffix("Das ist keine Literaturangabe."))
    }

    @Test(arguments: ["Hello world", "", "(o. J.): Titel.", "fischer (2020): klein geschrieben."])
    func aRejectedCitationSaysWhy(line: String) {
        #expect(throws: CitationRejection.self) { try Self.read(line) }
    }

    @Test func runningTextLongerThanAnyCitationIsRejectedOnceAndTheCitationsAroundItKept() {
        let prose = Array(repeating: "Planung und Steuerung in der Kommune, Bericht der Jugendhilfe", count: 200)
        let text = "Fischer, Jörg (2019): Netzwerke. Weinheim: Beltz Juventa.\n\n" + prose.joined(separator: "\n")
            + "\nMüller, Anna (2020): Beitrag. Opladen: Budrich.\n"
        let result = CitationLineParser.parse(text)
        #expect(result.records.map(\.title) == ["Netzwerke", "Beitrag"])
        #expect(result.problems.map(\.line) == [3])
        #expect(result.problems.first?.message.hasPrefix(
            "a paragraph of 200 lines (more than 2000 bytes) is too long for one citation (end each citation with a line break); "
                + "rejected: Planung und Steuerung") == true, "\(result.problems)")
    }

    // MARK: Round trip with the formatter

    /// Records in every shape the formatter writes; parsing its citation gives them back.
    static let shapes: [Record] = {
        let sample = try! CSLJSONReader.read(Data(contentsOf: Repository.sample("ikpe-publikationen.json")), path: "sample").records
        var chapter = Record()
        chapter.type = "chapter"
        chapter.authors = [Name(family: "Autor", given: "A."), Name(family: "Berg", given: "Kees", nonDroppingParticle: "van der")]
        chapter.editors = [Name(family: "Hilse-Carstensen", given: "Theresa")]
        chapter.issued = IssuedDate(year: 2020)
        chapter.title = "Beitrag: Ein Untertitel"
        chapter.containerTitle = "Handbuch Kommunale Planung und Steuerung"
        var article = Record()
        article.type = "article-journal"
        article.authors = [Name(family: "Fischer", given: "Jörg")]
        article.issued = IssuedDate(year: 2021)
        article.title = "Öffentliche Gesundheit kommunal"
        article.containerTitle = "Sozialmagazin"
        article.setText("volume", "46")
        article.setText("issue", "11-12")
        article.setText("page", "5-9")
        return sample + [chapter, article]
    }()

    static let roundTripFields = [
        "type", "title", "container-title", "collection-title", "collection-number", "publisher",
        "publisher-place", "edition", "volume", "issue", "page", "number-of-pages",
    ]

    @Test(arguments: shapes)
    func parsingTheFormattedCitationGivesTheRecordBack(record: Record) throws {
        let line = GermanCitation.format(record)
        let parsed = try CitationLineParser.citation(line)
        for field in Self.roundTripFields {
            #expect(parsed.text(field) == record.text(field), "\(field) in \(line)")
        }
        #expect(parsed.authors == record.authors, "\(line)")
        #expect(parsed.editors == record.editors, "\(line)")
        #expect(parsed.issued?.year == record.issued?.year)
    }

    // MARK: The plugin

    @Test func theCitationsPluginEmitsRecordsAndReportsRejectedLines() async throws {
        let directory = try TemporaryDirectory("citations")
        let file = try directory.write("Fischer, Jörg (2020): Titel. Weinheim: Juventa.\n\nkeine Angabe\n", to: "liste.txt")
        let plugin = try #require(BibliographyPlugin.plugins.first { $0.name == "citations" })
        let body = try #require(plugin.ingestBody)
        let collected = Collected()
        let source = SourceDefinition(id: "liste", title: "Liste", plugin: "citations", url: file.path, kind: RecordKind.publication)
        try await body(IngestContext(source: source, location: file, fetcher: Fetcher(userAgent: "test"),
                                     emit: { record in collected.records.withLock { $0.append(record) } },
                                     report: { problem in collected.problems.withLock { $0.append(problem) } }))
        #expect(collected.records.withLock { $0.map(\.title) } == ["Titel"])
        #expect(collected.problems.withLock { $0.map(\.line) } == [3])
    }
}

/// What a plugin run handed on, from any thread.
private final class Collected: Sendable {
    let records = Mutex<[Record]>([])
    let problems = Mutex<[Problem]>([])
}
