import ArchivarCore
import ArchivarTestSupport
import Bibliography
import Foundation
import Testing

/// The must-show of issue 4: the institute's publication list, pasted as citation lines,
/// gives the records of the bundled CSL-JSON sample.
///
/// The fixture `citations/ikpe-publikationen.txt` is the list "Monographien und
/// Herausgeberschaften" copied verbatim from `seeds/001…` (bullets and line wrapping as
/// on the page); the two period headings ("2020 – 2023", "2014 – 2019") are left out.
///
/// Where seed and sample differ on purpose, the comparison says so:
/// - the seed lists "Unbegleitete minderjährige Flüchtlinge" (2016) under both periods;
///   the sample holds it once. The catalog merges the two as duplicates (same title,
///   year and first creator), so works are compared by their duplicate key;
/// - `category` and `language` in the sample come from the page's headings and from
///   reading the titles; a citation line carries neither, so they are not compared;
/// - ids are given by the pipeline (`RecordIdentity.citationKey`), not by the parser.
@Suite struct SeedCitationsTests {
    static let parsed: (records: [Record], problems: [Problem]) = {
        let url = Bundle.module.url(forResource: "Fixtures/citations/ikpe-publikationen", withExtension: "txt")!
        return try! CitationLineParser.read(Data(contentsOf: url), path: url.lastPathComponent)
    }()

    static let sample: [Record] = {
        let url = Repository.sample("ikpe-publikationen.json")
        return try! CSLJSONReader.read(Data(contentsOf: url), path: url.lastPathComponent).records
    }()

    /// The parsed records by citation key; the seed's doubled entry gives two.
    static var parsedByKey: [String: [Record]] {
        Dictionary(grouping: parsed.records, by: RecordIdentity.citationKey(for:))
    }

    @Test func everyCitationOnThePageBecomesARecord() {
        #expect(Self.parsed.problems.map(\.description) == [])
        #expect(Self.parsed.records.count == 19)
    }

    @Test func theListHoldsTheSameWorksAsTheSample() {
        #expect(Self.sample.count == 18)
        #expect(Set(Self.parsedByKey.keys) == Set(Self.sample.map(\.id)))
        let works = Set(Self.parsed.records.compactMap { RecordIdentity.duplicateKeys(for: $0).last })
        #expect(works.count == Self.sample.count)
    }

    @Test func theWorkListedUnderBothPeriodsIsReadTheSameBothTimes() {
        let doubled = Self.parsedByKey.filter { $0.value.count > 1 }
        #expect(Array(doubled.keys) == ["fischer2016unbegleitete"])
        #expect(Set(doubled.values.joined()).count == 1)
    }

    @Test(arguments: sample.map(\.id))
    func eachWorkHasTheSampleFields(id: String) throws {
        let expected = try #require(Self.sample.first { $0.id == id })
        let record = try #require(Self.parsedByKey[id]?.first, "no citation gives \(id)")
        #expect(record.type == expected.type)
        #expect(record.title == expected.title)
        #expect(record.authors.map(Self.person) == expected.authors.map(Self.person))
        #expect(record.editors.map(Self.person) == expected.editors.map(Self.person))
        #expect(record.issued?.year == expected.issued?.year)
        for field in Self.comparedFields {
            #expect(record.text(field) == expected.text(field), "\(field)")
        }
        #expect(record.kind == RecordKind.publication)
    }

    @Test(arguments: sample.map(\.id))
    func theNoteKeepsTheCitationAsPrinted(id: String) throws {
        let expected = try #require(Self.sample.first { $0.id == id })
        #expect(Self.parsedByKey[id]?.first?.text("note") == expected.text("note"))
    }

    static let comparedFields = [
        "container-title", "collection-title", "collection-number", "publisher", "publisher-place",
        "edition", "volume", "issue", "number-of-pages", "page", "URL",
    ]

    static func person(_ name: Name) -> String { "\(name.family ?? "")|\(name.given ?? "")" }
}
