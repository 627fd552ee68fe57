import ArchivarCore
import ArchivarTestSupport
import Bibliography
import Foundation
import Testing

@Suite struct CSLJSONWriterTests {
    /// Two publications as the catalog holds them: CSL fields plus archive fields.
    static let records: [Record] = {
        var chapter = Record(id: "fischer2016unbegleitete")
        chapter.type = "chapter"
        chapter.title = "Unbegleitete minderjährige Flüchtlinge"
        chapter.authors = [Name(family: "Fischer", given: "Jörg"), Name(family: "Graßhoff", given: "Gunther")]
        chapter.editors = [Name(family: "Berg", given: "Kees", nonDroppingParticle: "van der")]
        chapter.containerTitle = "Handbuch Kommunale Planung"
        chapter.issued = IssuedDate(year: 2016, month: 5, day: 12)
        chapter.publisher = "Beltz Juventa"
        chapter.publisherPlace = "Weinheim"
        chapter.setText("page", "12-34")
        chapter.setText("keyword", "Jugendhilfeplanung, Flüchtlinge")
        chapter.isbn = "978-3-7799-3382-3"
        chapter.kind = RecordKind.publication
        chapter.category = "Beiträge in Zeitschriften und Sammelwerken"
        chapter.source = "publikationen"
        chapter.link = "https://example.org/p/1"
        chapter.summary = "Kurz."
        chapter.content = "<p>Lang.</p>"
        chapter.published = "2016-05-12T00:00:00Z"
        chapter.updated = "2024-01-01T00:00:00Z"
        chapter.hash = "abc123"

        var report = Record(id: "ikpe2019sozialbericht")
        report.type = "report"
        report.title = "Sozialbericht Erfurt"
        report.authors = [Name(literal: "Institut für kommunale Planung und Entwicklung")]
        report.issued = IssuedDate(year: 2019)
        report["number-of-pages"] = .number(98)
        report.kind = RecordKind.publication
        report.source = "publikationen"
        return [chapter, report]
    }()

    static func items(_ data: Data) throws -> [[String: JSONValue]] {
        try #require(try JSONValue.parse(data).array).map { try #require($0.object) }
    }

    @Test func archiveFieldsStayOutAndBibliographicFieldsGoOut() throws {
        let items = try Self.items(CSLJSONWriter.write(Self.records))
        #expect(items.count == 2)
        for item in items {
            #expect(Set(item.keys).isDisjoint(with: ["kind", "category", "source", "link", "summary", "content",
                                                       "published", "updated", "hash"]))
        }
        #expect(items[0]["id"] == .string("fischer2016unbegleitete"))
        #expect(items[0]["container-title"] == .string("Handbuch Kommunale Planung"))
        #expect(items[0]["issued"] == .object(["date-parts": .array([.array([.number(2016), .number(5), .number(12)])])]))
        #expect(items[1]["number-of-pages"] == .number(98))
    }

    @Test func outputIsValidAgainstTheCSLJSONSchemaRules() throws {
        var unusual = Record(id: "x2020")
        unusual["keyword"] = .array([.string("Planung"), .string("Kommune")])
        unusual["oai-identifier"] = .string("oai:example.org:1")
        unusual["original-id"] = .string("http://zotero.org/items/1")
        unusual["shelf"] = .string("B 12")
        let items = try Self.items(CSLJSONWriter.write(Self.records + [unusual]))
        for item in items {
            #expect(CSLSchemaRules.violations(item).isEmpty, "\(CSLSchemaRules.violations(item))")
        }
        #expect(items[2]["type"] == .string("document"))
        #expect(items[2]["keyword"] == .string("Planung, Kommune"))
        #expect(items[2]["custom"] == .object(["shelf": .string("B 12")]), "imported extras are kept in custom")
    }

    @Test func outputIsPrettyPrintedUTF8WithSortedKeys() throws {
        let text = String(decoding: CSLJSONWriter.write(Array(Self.records.prefix(1))), as: UTF8.self)
        #expect(text.hasPrefix("[\n"))
        #expect(text.contains("\"Graßhoff\""), "German letters stay UTF-8, not \\u escapes")
        let keys = text.split(separator: "\n").filter { $0.hasPrefix("    \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == keys.sorted())
        #expect(keys.first == "ISBN" && keys.contains("id"))
    }

    @Test func cslJSONReaderReadsBackTheSameRecordsWithoutArchiveFields() throws {
        let back = try CSLJSONReader.read(CSLJSONWriter.write(Self.records), path: "export.json")
        #expect(back.problems.isEmpty)
        let expected = Self.records.map { record in
            var bibliographic = record
            for field in CSLJSONWriter.archiveFields { bibliographic[field] = nil }
            return bibliographic
        }
        #expect(back.records == expected)
    }

    @Test func risRecordsSurviveTheWayOutAsCSLJSON() throws {
        let url = Bundle.module.url(forResource: "Fixtures/ris/zotero.ris", withExtension: nil)!
        let records = RISReader.read(try Data(contentsOf: url), path: "zotero.ris").records
            .enumerated().map { index, record in var keyed = record; keyed.id = "item\(index)"; return keyed }
        let back = try CSLJSONReader.read(CSLJSONWriter.write(records), path: "export.json").records
        #expect(back == records)
    }

    @Test func pandocCiteprocFormatsTheExportWithoutWarnings() throws {
        let pandoc = "/usr/bin/pandoc"
        try #require(FileManager.default.isExecutableFile(atPath: pandoc),
                     "pandoc is missing: apt-get install -y --no-install-recommends pandoc")
        let temporary = try TemporaryDirectory("csl-pandoc")
        try CSLJSONWriter.write(Self.records).write(to: temporary.file("export.json"))
        let document = try temporary.write("Siehe [@fischer2016unbegleitete; @ikpe2019sozialbericht].\n", to: "text.md")
        let result = try runTool(pandoc, ["--citeproc", "--bibliography", temporary.file("export.json").path,
                                          "--to", "plain", "--wrap", "none", document.path])
        #expect(result.status == 0)
        #expect(!result.output.contains("WARNING"), "\(result.output)")
        #expect(result.output.contains("Fischer, Jörg, and Gunther Graßhoff. 2016"), "\(result.output)")
        #expect(result.output.contains("Institut für kommunale Planung und Entwicklung. 2019"), "\(result.output)")
    }
}
