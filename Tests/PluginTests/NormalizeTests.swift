import ArchivarCore
import ArchivarMarkup
import Foundation
@testable import Normalize
import Testing

/// The `normalize` transform's HTML: content the sanitizer made in this process is kept as it
/// is; any other content, whatever it claims, goes through the sanitizer.
@Suite struct NormalizeTests {
    static let hostile = #"<p onclick="alert(1)">Text</p><script>alert(2)</script><a href="javascript:alert(3)">Link</a>"#

    static func normalized(_ record: Record) throws -> Record {
        try #require(Normalizer.normalize(record, report: { Issue.record("unexpected problem: \($0)") }))
    }

    @Test func contentFromTheSanitizerIsNotParsedAgain() throws {
        var record = Record(id: "feed-1")
        record.title = "Titel"
        let sanitized = HTMLSanitizer(baseURL: URL(string: "https://partner.example/")).sanitizeContent(
            #"<p>Mehr <a href="/mehr">hier</a></p>"#)
        record.setContent(sanitized)
        let result = try Self.normalized(record)
        #expect(result.content == #"<p>Mehr <a href="https://partner.example/mehr" rel="nofollow noopener">hier</a></p>"#)
        #expect(result.sanitizedContent?.plainText == "Mehr hier")
    }

    @Test func contentReadFromJSONIsSanitizedWhateverItCarries() throws {
        // What an external plugin prints: no field it could add makes the content trusted.
        let record = try Record(json: .object(["id": .string("x"), "title": .string("Titel"), "sanitized": .bool(true),
                                               "content": .string(Self.hostile)]))
        #expect(record.sanitizedContent == nil)
        let content = try #require(try Self.normalized(record).content)
        #expect(content == "<p>Text</p><a>Link</a>")
    }

    @Test func contentChangedAfterSanitizingIsSanitizedAgain() throws {
        var record = Record(id: "feed-2")
        record.title = "Titel"
        record.setContent(HTMLSanitizer().sanitizeContent("<p>harmlos</p>"))
        record.content = Self.hostile
        #expect(record.sanitizedContent == nil)
        #expect(try Self.normalized(record).content == "<p>Text</p><a>Link</a>")
    }

    @Test func anUntitledItemIsNamedAfterItsSanitizedText() throws {
        var record = Record(id: "feed-3")
        record.kind = RecordKind.partner
        record.content = "<script>geheim</script><p>Der Kreistag beschließt den Haushalt für das kommende Jahr ohne Gegenstimmen</p>"
        #expect(try Self.normalized(record).title == "Der Kreistag beschließt den Haushalt für das kommende …")
    }
}
