import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

@Suite struct CategoryTests {
    private func record(type: String, kind: String = RecordKind.publication, category: String? = nil) -> Record {
        var record = Record(id: "r")
        record.type = type
        record.kind = kind
        record.category = category
        return record
    }

    private let source = SourceDefinition(id: "bib", title: "Bibliographie", plugin: "csl-json", url: "b.json", kind: RecordKind.publication)

    @Test func typesAndKindsMapToTheInstitutesFourCategories() {
        let standard = CategoryMapping.standard
        for (type, category) in [
            ("book", "Monographien und Herausgeberschaften"), ("periodical", "Monographien und Herausgeberschaften"),
            ("chapter", "Beiträge in Zeitschriften und Sammelwerken"), ("article-journal", "Beiträge in Zeitschriften und Sammelwerken"),
            ("article-newspaper", "Beiträge in Zeitschriften und Sammelwerken"), ("paper-conference", "Beiträge in Zeitschriften und Sammelwerken"),
            ("report", "Forschungsarbeiten und Berichte"), ("thesis", "Forschungsarbeiten und Berichte"), ("dataset", "Forschungsarbeiten und Berichte"),
        ] {
            #expect(standard.category(for: record(type: type)) == category, "\(type)")
        }
        #expect(standard.category(for: record(type: "post", kind: RecordKind.press)) == "IKPE in der Presse")
        #expect(standard.category(for: record(type: "article-newspaper", kind: RecordKind.press)) == "IKPE in der Presse", "kind wins over type")
        #expect(standard.category(for: record(type: "post", kind: RecordKind.partner)) == nil, "partner items are not the institute's")
        #expect(standard.category(for: record(type: "musical_score")) == nil)
    }

    @Test func stampingKeepsTheRecordsOrTheSourcesOwnCategory() {
        let fromRecord = Pipeline.stamped(record(type: "report", category: "Gutachten"), from: source)
        #expect(fromRecord.category == "Gutachten")

        var categorizedSource = source
        categorizedSource.category = "Projektberichte"
        #expect(Pipeline.stamped(record(type: "report"), from: categorizedSource).category == "Projektberichte")

        #expect(Pipeline.stamped(record(type: "report"), from: source).category == "Forschungsarbeiten und Berichte")
        let mapping = CategoryMapping.standard.changing(["report": "Berichte", "thesis": nil])
        #expect(Pipeline.stamped(record(type: "report"), from: source, categories: mapping).category == "Berichte")
        #expect(Pipeline.stamped(record(type: "thesis"), from: source, categories: mapping).category == nil)
        #expect(Pipeline.stamped(record(type: "book"), from: source, categories: mapping).category == "Monographien und Herausgeberschaften")
    }

    @Test func configurationChangesSingleEntries() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("""
            {"categories": {"report": "Berichte und Gutachten", "thesis": null, "partner": "Aus dem Netzwerk"}}
            """, to: "archivar.json")
        let mapping = try SiteConfig.load(from: file).categories
        #expect(mapping.category(for: record(type: "report")) == "Berichte und Gutachten")
        #expect(mapping.category(for: record(type: "thesis")) == nil)
        #expect(mapping.category(for: record(type: "chapter")) == "Beiträge in Zeitschriften und Sammelwerken", "the rest stays")
        #expect(mapping.category(for: record(type: "post", kind: RecordKind.partner)) == "Aus dem Netzwerk")
        #expect(try SiteConfig.load(from: directory.file("missing.json")).categories == .standard)
    }

    @Test func badCategoryConfigurationNamesFileAndKey() throws {
        let directory = try TemporaryDirectory()
        for (json, key, reason) in [
            (#"{"categories": {"reprot": "Berichte"}}"#, #"key "categories.reprot""#, "CSL type"),
            (#"{"categories": {"report": 3}}"#, #"key "categories.report""#, "name of a category or null"),
            (#"{"categories": {"report": "  "}}"#, #"key "categories.report""#, "name of a category or null"),
            (#"{"categories": ["report"]}"#, #"key "categories""#, "must be an object"),
        ] {
            let file = try directory.write(json, to: "archivar.json")
            let error = try #require(throws: ArchivarError.self) { try SiteConfig.load(from: file) }
            #expect(error.description.contains("archivar.json:\(key)"), "\(error)")
            #expect(error.description.contains(reason), "\(error)")
        }
    }
}
