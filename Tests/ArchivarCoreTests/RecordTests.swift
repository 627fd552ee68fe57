import ArchivarCore
import Foundation
import Testing

@Suite struct RecordTests {
    @Test func cslJSONRoundTripKeepsUnknownFields() throws {
        let text = """
        {"id":"fischer2016unbegleitete","type":"book","title":"Unbegleitete minderjährige Flüchtlinge",
         "editor":[{"family":"Fischer","given":"Jörg"},{"family":"Graßhoff","given":"Gunther"}],
         "issued":{"date-parts":[[2016]]},"publisher":"Juventa","publisher-place":"Weinheim",
         "volume":48,"x-zotero-key":"ABC123","custom":{"nested":[1,"two",null]}}
        """
        let record = try Record(json: JSONValue.parse(Data(text.utf8)))
        #expect(record.id == "fischer2016unbegleitete")
        #expect(record.editors.map(\.inverted) == ["Fischer, Jörg", "Graßhoff, Gunther"])
        #expect(record.authors.isEmpty)
        #expect(record.year == 2016)
        #expect(record.text("volume") == "48")
        let again = try Record(json: JSONValue.parse(record.json.canonicalData()))
        #expect(again == record)
        #expect(again["x-zotero-key"] == .string("ABC123"))
        #expect(again["custom"] == record["custom"])
    }

    @Test func canonicalTextIsWhatJSONEncoderWrites() throws {
        let value = JSONValue.object([
            "title": .string("„Quote“ \"x\" a\\b/c\n\r\t\u{8}\u{C}\u{1}\u{1F}\u{7F}\u{2028} ä€😀 e\u{301} <&>"),
            "z": .array([.number(48), .number(-3), .number(1.5), .number(0.1), .number(1e20), .null, .bool(true), .bool(false)]),
            "a10": .object(["B": .string(""), "a": .object([:]), "ä": .array([]), "ab": .number(0), "_x": .number(2e-7)]),
            "a2": .string("x"), "Z": .string("y"), "container-title": .string("ß"),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(value.canonicalText() == String(decoding: try encoder.encode(value), as: UTF8.self))
        #expect(value.canonicalData() == Data(value.canonicalText().utf8))
    }

    @Test func recordWithoutObjectIsRejected() {
        #expect(throws: RecordError.self) { try Record(json: .array([])) }
    }

    @Test func contentHashIgnoresUpdatedButNotTitle() {
        var record = Record(id: "a", fields: ["title": .string("Eins")])
        let hash = record.contentHash()
        record.updated = "2024-01-01T00:00:00Z"
        #expect(record.contentHash() == hash)
        record.title = "Zwei"
        #expect(record.contentHash() != hash)
    }

    @Test func citationKeyUsesFamilyYearAndFirstSignificantWord() {
        var record = Record()
        record.editors = [Name(family: "Fischer", given: "Jörg")]
        record.title = "Das Handbuch Kommunale Planung und Steuerung"
        record.issued = IssuedDate(year: 2022)
        #expect(RecordIdentity.citationKey(for: record) == "fischer2022handbuch")
        record.editors = [Name(family: "Böwer", given: "Michael")]
        #expect(RecordIdentity.citationKey(for: record) == "boewer2022handbuch")
    }

    @Test func feedItemIDIsStableAndDependsOnSource() {
        let first = RecordIdentity.feedItemID(source: "kommune360", guid: "tag:x,2022:/a/")
        #expect(first == RecordIdentity.feedItemID(source: "kommune360", guid: "tag:x,2022:/a/"))
        #expect(first.hasPrefix("kommune360-"))
        #expect(first != RecordIdentity.feedItemID(source: "inso", guid: "tag:x,2022:/a/"))
    }

    @Test func nameParsingHandlesBothOrders() {
        #expect(Name.parse("Fischer, Jörg") == Name(family: "Fischer", given: "Jörg"))
        #expect(Name.parse("Vanessa Janson") == Name(family: "Janson", given: "Vanessa"))
        #expect(Name.parse("IKPE") == Name(literal: "IKPE"))
        let particle = Name.parse("Nancy Weber dos Santos")
        #expect(particle == Name(family: "Santos", given: "Nancy Weber", nonDroppingParticle: "dos"))
        #expect(particle.inverted == "dos Santos, Nancy Weber")
        #expect(Name.parse("Kees van der Berg").sortName == "van der Berg")
    }

    @Test func mergeKeepsRicherValuePerField() {
        let stored = Record(id: "a", fields: ["title": .string("Handbuch"), "publisher": .string("Juventa"), "source": .string("s1")])
        let incoming = Record(id: "b", fields: ["title": .string("Handbuch Kommunale Planung"), "publisher": .string("J."),
                                                "DOI": .string("10.1/x"), "source": .string("s2")])
        let merged = RecordMerge.merge(stored, with: incoming)
        #expect(merged.id == "a")
        #expect(merged.title == "Handbuch Kommunale Planung")
        #expect(merged.publisher == "Juventa")
        #expect(merged.doi == "10.1/x")
        #expect(merged.source == "s1")
    }
}

@Suite struct GermanCitationTests {
    @Test func editedVolumeInInstituteStyle() throws {
        var record = Record(id: "fischer2015jugend")
        record.type = "book"
        record.editors = [Name(family: "Fischer", given: "Jörg"), Name(family: "Lutz", given: "Ronald")]
        record.issued = IssuedDate(year: 2015)
        record.title = "Jugend im Blick. Gesellschaftliche Konstruktionen und pädagogische Zugänge"
        record.publisherPlace = "Weinheim"
        record.publisher = "Juventa"
        #expect(GermanCitation.format(record) == "Fischer, Jörg/Lutz, Ronald (Hrsg.) (2015): Jugend im Blick. Gesellschaftliche Konstruktionen und pädagogische Zugänge. Weinheim: Juventa.")
    }

    @Test func journalIssueNamesHeftAndJahrgang() {
        var record = Record(id: "fischer2023praxisforschung")
        record.type = "periodical"
        record.editors = [Name(family: "Fischer", given: "Jörg"), Name(family: "Hilse-Carstensen", given: "Theresa")]
        record.issued = IssuedDate(year: 2023)
        record.title = "Praxisforschung"
        record.containerTitle = "Sozialmagazin"
        record.setText("issue", "9-10")
        record.setText("volume", "48")
        record.setText("number-of-pages", "98")
        record.publisherPlace = "Weinheim"
        record.publisher = "Beltz Juventa"
        #expect(GermanCitation.format(record) == "Fischer, Jörg/Hilse-Carstensen, Theresa (Hrsg.) (2023): Praxisforschung. Heft 9-10/2023 des „Sozialmagazin“, 48. Jg., Weinheim: Beltz Juventa. (98 Seiten)")
    }

    @Test func articleWithPages() {
        var record = Record(id: "x")
        record.type = "article-journal"
        record.authors = [Name(family: "Autor", given: "A.")]
        record.issued = IssuedDate(year: 2021)
        record.title = "Titel"
        record.containerTitle = "Zeitschrift"
        record.setText("volume", "46")
        record.setText("issue", "11-12")
        record.setText("page", "5–9")
        #expect(GermanCitation.format(record) == "Autor, A. (2021): Titel. In: Zeitschrift 46 (11-12), S. 5–9.")
    }
}
