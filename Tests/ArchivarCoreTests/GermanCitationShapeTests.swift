import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// `GermanCitation.format` against the institute's own lines: every work of the bundled
/// sample keeps the line it was taken from in `note`, and the formatted citation is that
/// line wherever the record holds what the line says.
@Suite struct GermanCitationShapeTests {
    static let sample: [Record] = {
        let data = try! Data(contentsOf: Repository.sample("ikpe-publikationen.json"))
        return try! JSONValue.parse(data).array!.map(Record.init(json:))
    }()

    /// Lines that say more than a CSL record keeps, and how the record prints instead.
    static let recordSaysLess: [String: String] = [
        // "1. Sonderband 2016 der Zeitschrift „Sozialmagazin“": the record has the series and its number.
        "fischer2016unbegleitete": "Fischer, Jörg/Graßhoff, Gunther (Hrsg.) (2016): Unbegleitete minderjährige Flüchtlinge. „In erster Linie Kinder und Jugendliche!“. 1. Sonderband Sozialmagazin. Weinheim: Juventa.",
        // "(2., durchgesehene und erweiterte Auflage)": the record's edition is 2.
        "fischer2019netzwerke": "Fischer, Jörg/Kosellek, Tobias (Hrsg.) (2019): Netzwerke und Soziale Arbeit. Theorien, Methoden, Anwendungen. (2. Auflage) Weinheim: Juventa.",
    ]

    @Test(arguments: sample.map(\.id))
    func theCitationIsTheLineTheWorkWasListedWith(id: String) throws {
        let record = try #require(Self.sample.first { $0.id == id })
        let listed = try #require(record.text("note")).replacingOccurrences(of: " [Link]", with: "")
        // The list words a journal issue two ways; the style uses its newer one ("des „Sozialmagazin“").
        let expected = Self.recordSaysLess[id] ?? listed.replacingOccurrences(of: " der Zeitschrift „", with: " des „")
        #expect(GermanCitation.format(record) == expected)
    }

    @Test func aSubtitleFollowsAFullStopAsInTheList() {
        var record = Record(id: "x")
        record.type = "book"
        record.authors = [Name(family: "Fischer", given: "Jörg")]
        record.issued = IssuedDate(year: 2015)
        record.title = "Jugend im Blick: Gesellschaftliche Konstruktionen"
        #expect(GermanCitation.format(record) == "Fischer, Jörg (2015): Jugend im Blick. Gesellschaftliche Konstruktionen.")
        record.title = "Steuerung: eine Einführung"
        #expect(GermanCitation.format(record) == "Fischer, Jörg (2015): Steuerung: eine Einführung.", "no subtitle before a small letter")
        record.title = "Die Stadt. Planung: Praxis"
        #expect(GermanCitation.format(record) == "Fischer, Jörg (2015): Die Stadt. Planung: Praxis.",
                "a title with a full stop of its own keeps its colon, so the subtitle is found again")
    }

    @Test func aTitleEndingInAQuoteStillEndsWithAFullStop() {
        var record = Record(id: "x")
        record.type = "book"
        record.editors = [Name(family: "Fischer", given: "Jörg")]
        record.issued = IssuedDate(year: 2016)
        record.title = "Flüchtlinge: „Kinder“"
        record.publisherPlace = "Weinheim"
        record.publisher = "Juventa"
        #expect(GermanCitation.format(record) == "Fischer, Jörg (Hrsg.) (2016): Flüchtlinge. „Kinder“. Weinheim: Juventa.")
    }

    @Test func aChapterEndsWithItsImprintAndPages() {
        var record = Record(id: "x")
        record.type = "chapter"
        record.authors = [Name(family: "Autor", given: "A.")]
        record.editors = [Name(family: "Hrsg", given: "H.")]
        record.issued = IssuedDate(year: 2020)
        record.title = "Beitrag"
        record.containerTitle = "Buch"
        record.setText("page", "12-34")
        #expect(GermanCitation.format(record) == "Autor, A. (2020): Beitrag. In: Hrsg, H. (Hrsg.): Buch, S. 12–34.")
        record.publisherPlace = "Ort"
        record.publisher = "Verlag"
        #expect(GermanCitation.format(record) == "Autor, A. (2020): Beitrag. In: Hrsg, H. (Hrsg.): Buch. Ort: Verlag, S. 12–34.")
    }
}
