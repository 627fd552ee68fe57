import ArchivarMarkup
import Foundation
import Testing

@Suite struct MarkupParserTests {
    func title(_ data: Data, charset: String? = nil) throws -> (String, [String]) {
        let document = try MarkupParser.xml(data, encoding: charset)
        return (document.root?.first("title")?.text ?? "", document.problems.map(\.description))
    }

    @Test func htmlNamedEntitiesBecomeTheirCharacters() throws {
        let xml = "<r><title>Gr&uuml;&szlig;e&nbsp;aus Erfurt&hellip; &amp; mehr</title></r>"
        let (text, problems) = try title(Data(xml.utf8))
        #expect(text == "Grüße\u{A0}aus Erfurt… & mehr")
        #expect(problems.isEmpty)
    }

    @Test func htmlEntitiesWorkInsideADocumentWithADoctype() throws {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n<r><title>M&uuml;nchen</title></r>"
        #expect(try title(Data(xml.utf8)).0 == "München")
    }

    @Test func unknownEntitiesAreReportedNotInvented() throws {
        let (text, problems) = try title(Data("<r><title>a &bogus; b</title></r>".utf8))
        #expect(text.hasPrefix("a "))
        #expect(!problems.isEmpty)
    }

    @Test func latin1DeclaredIsRead() throws {
        var data = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<r><title>".utf8)
        data.append(contentsOf: [0x47, 0x72, 0xFC, 0xDF, 0x65, 0x20, 0x93, 0x71, 0x94])
        data.append(Data("</title></r>".utf8))
        let (text, problems) = try title(data)
        #expect(text == "Grüße \u{201C}q\u{201D}")
        #expect(problems.isEmpty)
    }

    @Test func undeclaredWindows1252IsReadAndReportedOnce() throws {
        var data = Data("<r><title>".utf8)
        data.append(contentsOf: [0x47, 0x72, 0xFC, 0xDF, 0x65, 0x20, 0x80])
        data.append(Data("</title></r>".utf8))
        let (text, problems) = try title(data)
        #expect(text == "Grüße €")
        #expect(problems == ["line 1: not valid UTF-8; read as Windows-1252"])
    }

    @Test func httpCharsetWinsOverTheDeclaration() throws {
        var data = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r><title>".utf8)
        data.append(contentsOf: [0xFC])
        data.append(Data("</title></r>".utf8))
        let (text, problems) = try title(data, charset: "iso-8859-1")
        #expect(text == "ü")
        #expect(problems.isEmpty)
    }

    @Test(arguments: [String.Encoding.utf16LittleEndian, .utf16BigEndian])
    func utf16WithByteOrderMarkIsRead(encoding: String.Encoding) throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<r><title>Thüringen</title></r>"
        let bom: [UInt8] = encoding == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        let (text, problems) = try title(Data(bom) + xml.data(using: encoding)!)
        #expect(text == "Thüringen")
        #expect(problems.isEmpty)
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let (text, problems) = try title(Data([0xEF, 0xBB, 0xBF]) + Data("<r><title>Jena</title></r>".utf8))
        #expect(text == "Jena")
        #expect(problems.isEmpty)
    }

    @Test func unescapedAmpersandIsReportedWithItsLine() throws {
        let xml = "<r>\n<title>A</title>\n<x>B & C</x>\n<y>after</y></r>"
        let document = try MarkupParser.xml(Data(xml.utf8))
        #expect(document.problems.contains { $0.line == 3 })
        #expect(document.root?.first("y")?.text == "after")
    }

    @Test func manyEntitiesStayWithinTheLimits() throws {
        let xml = "<r><title>" + String(repeating: "a&nbsp;b&uuml;", count: 20000) + "</title></r>"
        let (text, _) = try title(Data(xml.utf8))
        #expect(text.count == 80000)
    }
}
