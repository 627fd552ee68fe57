import ArchivarCore
import Feeds
import Foundation
import Testing

/// Runs every file of `Fixtures/odd-feeds/` through the feed parser and checks it against
/// `expected.json` (format in `Fixtures/odd-feeds/README.md`).
@Suite struct OddFeedsTests {
    struct Manifest: Decodable {
        var base: String
        var feeds: [Expectation]
    }

    struct Expectation: Decodable, CustomTestStringConvertible, Sendable {
        struct First: Decodable, Sendable {
            var title: String?
            var link: String??
            var published: String??
        }
        var file: String
        var contentType: String?
        var fails: Bool
        var records: Int?
        var problems: Bool?
        var problemLines: [Int]?
        var first: First?
        var testDescription: String { file }
    }

    static let folder = Bundle.module.url(forResource: "Fixtures/odd-feeds", withExtension: nil)!
    static let manifest: Manifest = {
        let data = try! Data(contentsOf: folder.appendingPathComponent("expected.json"))
        return try! JSONDecoder().decode(Manifest.self, from: data)
    }()

    func parse(_ expected: Expectation) throws -> FeedParser.Result {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(expected.file))
        let source = SourceDefinition(id: "odd", title: "odd", plugin: "rss", url: "x", kind: RecordKind.partner)
        let charset = FetchedDocument(data: data, contentType: expected.contentType, url: Self.folder).charset
        return try FeedParser.parse(data, url: URL(string: Self.manifest.base + expected.file)!, source: source, charset: charset)
    }

    @Test func everyFileInTheCorpusIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0 != "expected.json" && $0 != "README.md" }
        #expect(Set(files) == Set(Self.manifest.feeds.map(\.file)))
        #expect(files.count >= 50)
    }

    @Test(arguments: manifest.feeds)
    func feedGivesTheExpectedRecords(_ expected: Expectation) throws {
        guard !expected.fails else {
            #expect(throws: ArchivarError.self) { try parse(expected) }
            return
        }
        let result = try parse(expected)
        let problems = result.problems.map(\.description)
        if let count = expected.records { #expect(result.records.count == count, "\(problems)") }
        if let hasProblems = expected.problems { #expect(result.problems.isEmpty != hasProblems, "\(problems)") }
        #expect(result.problems.allSatisfy { $0.line != nil }, "\(problems)")
        for line in expected.problemLines ?? [] {
            #expect(result.problems.contains { $0.line == line }, "line \(line) in \(problems)")
        }
        if let first = expected.first {
            let record = try #require(result.records.first)
            if let title = first.title { #expect(record.title == title) }
            if let link = first.link { #expect(record.link == link) }
            if let published = first.published { #expect(record.published == published) }
        }
        #expect(Set(result.records.map(\.id)).count == result.records.count)
        for record in result.records {
            #expect(record.title?.isEmpty == false)
            let text = [record.title, record.summary, record.content].compactMap { $0 }.joined()
            #expect(text == text.precomposedStringWithCanonicalMapping)
            #expect(!text.contains("\u{FFFD}"))
            let content = (record.content ?? "").lowercased()
            #expect(!content.contains("<script"))
            #expect(!content.contains("javascript:") && !content.contains("vbscript:"))
            #expect(content.firstMatch(of: #/\son[a-z]+\s*=/#) == nil)
        }
    }
}
