import ArchivarCore
import ArchivarMarkup
import Foundation
import Testing

@Suite struct XPathTests {
    let page = MarkupParser.htmlDocument(Data("""
        <html><body>
        <article class="a"><h2>Erster <em>Beitrag</em></h2><a href="/eins">mehr</a></article>
        <article class="b"><h2>Zweiter</h2></article>
        <p>Tag soup <b>without <i>closing</p>
        </body></html>
        """.utf8))!

    func root() throws -> MarkupNode { try #require(page.root) }

    @Test func selectsElementsInDocumentOrder() throws {
        let articles = try root().select(XPath("//article"))
        #expect(articles.map { $0.attribute("class") } == ["a", "b"])
    }

    @Test func relativeExpressionsSearchBelowTheContextNode() throws {
        let second = try #require(try root().select(XPath("//article")).last)
        let headings = try second.select(XPath(".//h2"))
        #expect(headings.map(\.text) == ["Zweiter"])
        #expect(try second.select(XPath(".//a")).isEmpty)
    }

    @Test func attributeSelectorsGiveTheAttributeValue() throws {
        let links = try root().select(XPath("//article/a/@href"))
        #expect(links.map(\.text) == ["/eins"])
        #expect(links.first?.isElement == false)
    }

    @Test func scalarResultsAreText() throws {
        guard case .text(let count) = try root().evaluate(XPath("count(//article)")) else {
            Issue.record("count() should give a value")
            return
        }
        #expect(count == "2")
        guard case .text(let joined) = try root().evaluate(XPath("normalize-space(//h2)")) else {
            Issue.record("normalize-space() should give a value")
            return
        }
        #expect(joined == "Erster Beitrag")
        #expect(throws: XPathError.self) { try root().select(XPath("count(//article)")) }
    }

    @Test func invalidExpressionIsRefusedWithLibxml2sReason() throws {
        let error = try #require(throws: XPathError.self) { try XPath("//article[@class='a'") }
        #expect(error.expression == "//article[@class='a'")
        #expect(error.reason == "Invalid predicate")
    }

    @Test func unknownNamespacePrefixFailsAtEvaluation() throws {
        let xpath = try XPath("//dc:title")
        let error = try #require(throws: XPathError.self) { try root().evaluate(xpath) }
        #expect(error.reason == "Undefined namespace prefix")
    }

    @Test func worksOnXMLDocumentsToo() throws {
        let document = try MarkupParser.xml(Data("<opml><body><outline text=\"a\"><outline text=\"b\"/></outline></body></opml>".utf8))
        let texts = try #require(document.root).select(XPath("//outline/@text")).map(\.text)
        #expect(texts == ["a", "b"])
    }
}
