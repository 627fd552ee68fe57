import ArchivarMarkup
import Foundation
import Testing

/// UTF-8 documents without errors are read by libxml2's push parser (`XMLPushParser`); these
/// hold it to what the pull parser gives, where the two differ in libxml2 2.9.
@Suite struct XMLPushParserTests {
    /// Enough lines that libxml2 numbers the nodes after them through their text (`psvi`).
    private static let padding = String(repeating: "<pad/>\n", count: 70_000)

    @Test func anElementPastLine65535TakesTheLineItsCDATAEndsOn() throws {
        // The item's line comes from its first text: the pull parser numbers a CDATA section
        // with the line it ends on.
        let xml = "<r>\n" + Self.padding + "<item><title><![CDATA[Erfurt\n\nJena]]></title></item>\n</r>"
        let document = try MarkupParser.xml(Data(xml.utf8))
        #expect(document.problems.isEmpty)
        #expect(document.root?.first("item")?.line == 70_004)
        #expect(document.root?.first("item")?.first("title")?.text == "Erfurt\n\nJena")
    }

    @Test func aSecondSectionInTheSameTextKeepsTheLineOfTheFirst() throws {
        let xml = "<r>\n" + Self.padding + "<item><title><![CDATA[a\n]]><![CDATA[\nb\n]]></title></item>\n</r>"
        let document = try MarkupParser.xml(Data(xml.utf8))
        #expect(document.root?.first("item")?.line == 70_003)
        #expect(document.root?.first("item")?.first("title")?.text == "a\n\nb\n")
    }

    @Test func carriageReturnsInCDATABecomeLineFeeds() throws {
        let document = try MarkupParser.xml(Data("<r>\r\n<t><![CDATA[<p>a</p>\r\n<p>b</p>\r]]></t>\r\n</r>".utf8))
        #expect(document.root?.first("t")?.text == "<p>a</p>\n<p>b</p>\n")
        #expect(document.problems.isEmpty)
    }

    @Test func emptyAndAdjacentSectionsReadAsText() throws {
        let document = try MarkupParser.xml(Data("<r><a><![CDATA[]]></a><b>x<![CDATA[y]]><![CDATA[]]>z</b></r>".utf8))
        #expect(document.root?.first("a")?.text == "")
        #expect(document.root?.first("b")?.text == "xyz")
    }

    @Test func sectionsAndCharactersAcrossChunksAreWhole() throws {
        // Sections of some kilobytes of umlauts, typographic quotes and emoji: the parser is
        // fed 64 KB at a time, so some chunk ends inside a section and inside a character.
        let text = String(repeating: "Größe „zählt“ 🏛 ", count: 300)
        let items = (0..<60).map { "<item n=\"\($0)\"><content><![CDATA[<p>\($0) \(text)</p>]]></content></item>\n" }
        let document = try MarkupParser.xml(Data(("<r>\n" + items.joined() + "</r>").utf8))
        let contents = document.root?.all("item").map { $0.first("content")?.text } ?? []
        #expect(contents.count == 60)
        #expect(contents.enumerated().allSatisfy { $1 == "<p>\($0) \(text)</p>" })
        #expect(document.problems.isEmpty)
    }

    @Test func aDocumentWithErrorsIsReportedOnce() throws {
        // Read again by the pull parser: its recovery and its messages, not both parsers'.
        let xml = "<r>\n<t><![CDATA[a]]></t>\n<x>B &bogus; C</x>\n<y>after</y></r>"
        let document = try MarkupParser.xml(Data(xml.utf8))
        #expect(document.problems.map(\.description) == ["line 3: Entity 'bogus' not defined"])
        #expect(document.root?.first("y")?.text == "after")
    }

    @Test func elementsAreHandedOverWhileTheDocumentIsRead() throws {
        let xml = "<r>" + (0..<500).map { "<item><t><![CDATA[\($0)]]></t></item>" }.joined() + "</r>"
        let handedOver = HandedOver()
        let document = try MarkupParser.xml(Data(xml.utf8), handingOver: ["item"]) { handedOver.add($0.first("t")?.text) }
        #expect(handedOver.texts == (0..<500).map(String.init))
        #expect(document.root?.all("item").count == 500)
    }
}

/// What a parse handed over, in order (called on the parsing thread only).
private final class HandedOver: @unchecked Sendable {
    // @unchecked: written by the parse, read after it returned.
    var texts: [String?] = []
    func add(_ text: String?) { texts.append(text) }
}
