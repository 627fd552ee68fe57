import ArchivarCore
import ArchivarTestSupport
@testable import Bibliography
import Foundation
import Testing

/// Reads a BibTeX text (or the bundled fixture) and indexes the records by id.
private func read(_ text: String) -> (records: [Record], problems: [Problem]) {
    BibTeXReader.read(Data(text.utf8), path: "test.bib")
}

private func fixture(_ name: String) throws -> Data {
    try Data(contentsOf: Bundle.module.url(forResource: "Fixtures/bibtex/\(name)", withExtension: nil)!)
}

private func shapes() throws -> [String: Record] {
    let result = BibTeXReader.read(try fixture("shapes.bib"), path: "shapes.bib")
    return Dictionary(result.records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
}

@Suite struct BibTeXReaderTests {
    @Test func everyEntryOfTheFixtureBecomesARecordWithoutProblems() throws {
        let result = BibTeXReader.read(try fixture("shapes.bib"), path: "shapes.bib")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.records.count == 20)
    }

    @Test func bookWithMacrosAccentsAndMonthBecomesACSLBook() throws {
        let book = try #require(try shapes()["fischer2016unbegleitete"])
        #expect(book.type == "book")
        #expect(book.title == "Unbegleitete minderjährige Flüchtlinge. Jugendhilfeplanung in der IKPE-Praxis")
        #expect(book.authors == [Name(family: "Fischer", given: "Jörg"), Name(family: "Graßhoff", given: "Gunther")])
        #expect(book.publisher == "Beltz Juventa")
        #expect(book.publisherPlace == "Weinheim")
        #expect(book.issued == IssuedDate(year: 2016, month: 5))
        #expect(book.text("edition") == "2")
        #expect(book.isbn == "978-3-7799-3377-9")
        #expect(book.language == "de")
        #expect(book.text("keyword") == "Flüchtlinge, Jugendhilfe")
    }

    @Test func articleReadsQuotedValuesConcatenationNamesInAllFormsAndVerbatimURLs() throws {
        let article = try #require(try shapes()["hilsecarstensen2023praxis"])
        #expect(article.type == "article-journal")
        #expect(article.title == "Praxisforschung – eine Übersicht")
        #expect(article.containerTitle == "Sozialmagazin, Themenheft")
        #expect(article.authors == [
            Name(family: "Hilse-Carstensen", given: "Theresa"),
            Name(family: "Berg", given: "Kees", nonDroppingParticle: "van der"),
            Name(family: "Cruz", given: "Maria", nonDroppingParticle: "de la", suffix: "Jr"),
        ])
        #expect(article.text("issue") == "9–10")
        #expect(article.text("page") == "12-34")
        #expect(article.doi == "10.1000/xyz_123")
        #expect(article.url == "https://example.org/a_b?c=d%20e")
        #expect(article.text("note") == "Mit Beilage & Anhang, 50 % Rabatt\u{A0}— oder nicht")
    }

    @Test func crossrefFillsInTheBookAndEtAlIsAMarkerNotAPerson() throws {
        let records = try shapes()
        let chapter = try #require(records["muller2020beitrag"])
        #expect(chapter.type == "chapter")
        #expect(chapter.title == "Beitrag über Straßenplanung")
        #expect(chapter.authors == [Name(family: "Müller", given: "Anna"), Name(family: "Dupont", given: "Étienne")])
        #expect(chapter["author-et-al"] == .bool(true))
        #expect(chapter.containerTitle == "Der Sammelband")
        #expect(chapter.editors == [Name(literal: "Institut für kommunale Planung und Entwicklung"), Name(family: "Schmidt", given: "Karl")])
        #expect(chapter.publisher == "Budrich")
        #expect(chapter.publisherPlace == "Opladen")
        #expect(chapter.year == 2020)
        #expect(chapter.text("collection-title") == "Schriftenreihe")
        #expect(chapter.text("collection-number") == "7")
        #expect(chapter.text("page") == "5-9")
        #expect(chapter.isbn == nil, "the book's ISBN would make the chapter a duplicate of the book")
        #expect(records["sammelband2020"]?.isbn == "978-3-8474-0001-1")
    }

    @Test func entryTypesMapToCSLTypes() throws {
        let records = try shapes()
        let expected = [
            "oconnor2019conference": "paper-conference", "weber2018dissertation": "thesis", "klein2017masterarbeit": "thesis",
            "ikpe2021bericht": "report", "website2022": "document", "ikpe2022online": "webpage", "lang2024manuskript": "manuscript",
            "handbuch2015": "report", "faltblatt2014": "pamphlet", "kapitel2013": "chapter", "tagung2012": "book",
            "konferenz2011": "paper-conference", "bericht2010": "report", "arbeit2009": "thesis", "sammelband2020": "book",
        ]
        #expect(records.filter { expected[$0.key] != nil }.mapValues(\.type) == expected)
    }

    @Test func schoolInstitutionAndTypeBecomePublisherAndGenre() throws {
        let records = try shapes()
        #expect(records["weber2018dissertation"]?.publisher == "Universität Erfurt")
        #expect(records["weber2018dissertation"]?.text("genre") == "Dissertation")
        #expect(records["klein2017masterarbeit"]?.text("genre") == "Master's thesis")
        let report = try #require(records["ikpe2021bericht"])
        #expect(report.publisher == "IKPE")
        #expect(report.text("number") == "3")
        #expect(report.authors == [Name(literal: "IKPE – Institut für kommunale Planung und Entwicklung")])
        #expect(records["handbuch2015"]?.publisher == "Stadt Erfurt")
    }

    @Test func namesWithSpecialCharactersInBracesAndAnEnglishLanguage() throws {
        let paper = try #require(try shapes()["oconnor2019conference"])
        #expect(paper.authors.map(\.inverted) == ["O'Connor, Seán", "Østergaard, Søren", "Åberg, Lars"])
        #expect(paper.title == "The NATO Summit and iPhone Usage")
        #expect(paper.containerTitle == "Proceedings of the ACM Conference")
        #expect(paper.language == "en")
    }

    @Test func biblatexDatesAndLiteralYearsAndUnknownFieldsAreKept() throws {
        let records = try shapes()
        let online = try #require(records["ikpe2022online"])
        #expect(online.issued == IssuedDate(year: 2022, month: 2, day: 15))
        #expect(online["accessed"].flatMap(IssuedDate.init(json:)) == IssuedDate(year: 2022, month: 3, day: 1))
        #expect(records["lang2024manuskript"]?.issued?.literal == "in Vorbereitung")
        #expect(records["website2022"]?.text("howpublished") == "Online")
        #expect(records["kapitel2013"]?.text("chapter-number") == "1")
    }

    @Test func unusableOrEmptyKeysLeaveTheIdToThePipeline() throws {
        let records = BibTeXReader.read(try fixture("shapes.bib"), path: "shapes.bib").records
        let mixed = try #require(records.first { $0.title == "Kurz" })
        #expect(mixed.id == "")
        #expect(mixed.text("original-id") == "Mixed:Key")
        let empty = try #require(records.first { $0.title == "Ohne Schlüssel" })
        #expect(empty.id == "")
        #expect(empty.text("original-id") == nil)
    }

    @Test(arguments: [
        (#"{\"u}ber"#, "über"), (#"\"{u}ber"#, "über"), (#"\"uber"#, "über"), (#"\'e"#, "é"), (#"Stra\ss{}e"#, "Straße"),
        (#"Stra{\ss}e"#, "Straße"), (#"\c{c}a"#, "ça"), (#"\c c"#, "ç"), (#"{\o}re"#, "øre"), (#"\aa"#, "å"), (#"\v{s}"#, "š"),
        (#"\H{o}"#, "ő"), (#"\"{\i}"#, "ï"), (#"A \& B"#, "A & B"), (#"10\%"#, "10%"), ("1--2", "1–2"), ("a---b", "a—b"),
        ("a~b", "a\u{A0}b"), (#"\textit{kursiv} und \textbf{fett}"#, "kursiv und fett"), ("{DDR} in {\\em Sachsen}", "DDR in Sachsen"),
        ("``zitiert''", "“zitiert”"), ("\\glqq{}Zitat\\grqq{}", "„Zitat“"), ("  viel \n  Raum  ", "viel Raum"),
        (#"\noopsort{a}Titel"#, "Titel"), (#"$x$-Achse"#, "x-Achse"),
    ])
    func latexBecomesUnicode(raw: String, text: String) {
        #expect(LaTeXText.decode(raw) == text)
    }

    @Test func everyLineOfTheIssueNamesItsProblemAndKeepsTheRest() {
        let text = """
        @article{good1, title = {Eins}, year = 2001}
        @article{broken1, title = {Offen {Klammer, year = 2002}
        @article{good2, title = {Zwei}, year = 2003}
        @article{title = {Ohne Schlüssel}}
        @article{broken3 title = {Kein Komma}}
        @article{broken4, title = {A} year = 2004}
        @article{broken5, title = {A}, journal = unbekannt}
        @article{good1, title = {Doppelt}}
        @article{broken7, title = {A}}}, year = {2005}}
        @article{good3, title = "Drei"}
        """
        let result = read(text)
        #expect(result.records.map(\.id) == ["good1", "good2", "good3"])
        #expect(result.problems.map(\.line) == [2, 4, 5, 6, 7, 8, 9])
        let messages = result.problems.map(\.message)
        #expect(messages[0].contains("unbalanced braces"))
        #expect(messages[1].contains("no key"))
        #expect(messages[2].contains("missing “,” after the key “broken3”"))
        #expect(messages[3].contains("missing “,” after field “title”"))
        #expect(messages[4].contains("unknown macro “unbekannt”"))
        #expect(messages[5].contains("duplicate key “good1” (first used on line 1)"))
        #expect(messages[6].contains("unbalanced braces"))
    }

    @Test func aThousandEntriesWithTwentyBrokenGiveNineHundredEightyRecordsAndNameTheTwenty() {
        let (text, brokenLines) = BrokenBibTeX.thousandEntries()
        let result = read(text)
        #expect(result.records.count == 980)
        #expect(result.problems.count == 20)
        #expect(result.problems.compactMap(\.line) == brokenLines)
        #expect(result.records.allSatisfy { $0.publisher == "Beltz Juventa" && $0.authors.first?.family == "Müller" })
    }

    @Test func byteOrderMarkCommentsAndEmailAddressesBetweenEntriesAreIgnored() {
        let result = read("\u{FEFF}% exported\nmail me: a@b.de\n@comment{x}\n@misc{eins, title = {Eins}}\n")
        #expect(result.problems.isEmpty)
        #expect(result.records.map(\.id) == ["eins"])
    }

    @Test func aFileWithoutAnyEntryIsRejectedNotSilentlyEmpty() {
        let result = read("% nur ein Kommentar\n@string{x = {y}}\nFischer, Jörg (2016): Titel. Weinheim.\n")
        #expect(result.records.isEmpty)
        #expect(result.problems == [Problem("test.bib holds no BibTeX entry (“@type{key, field = {…}}”)")])
    }

    @Test func latin1FilesAreReadWithANote() {
        let latin1 = "@book{eins, title = {Gr\u{FC}\u{DF}e}}".data(using: .isoLatin1)!
        let result = BibTeXReader.read(latin1, path: "alt.bib")
        #expect(result.records.first?.title == "Grüße")
        #expect(result.problems == [.note(line: 1, "not UTF-8 here and in 1 more place: read as Windows-1252 (Latin-1)")])
    }

    @Test func theBibTeXPluginIsRegistered() {
        #expect(BibliographyPlugin.plugins.contains { $0.name == "bibtex" && $0.roleName == "ingest" })
    }
}
