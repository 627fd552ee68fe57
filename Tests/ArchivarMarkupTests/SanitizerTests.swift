import ArchivarMarkup
import Foundation
import Testing

@Suite struct SanitizerTests {
    let sanitizer = HTMLSanitizer(baseURL: URL(string: "https://partner.example/blog/post/"))

    @Test(arguments: [
        "<script>alert(1)</script><p>ok</p>",
        "<p onclick=\"alert(1)\">ok</p>",
        "<a href=\"javascript:alert(1)\">ok</a>",
        "<a href=\" jav&#x09;ascript:alert(1)\">ok</a>",
        "<img src=x onerror=alert(1)><p>ok</p>",
        "<iframe src=\"https://evil.example\"></iframe><p>ok</p>",
        "<svg><script>alert(1)</script></svg><p>ok</p>",
        "<style>body{background:url(javascript:alert(1))}</style><p>ok</p>",
        "<a href=\"vbscript:msgbox(1)\">ok</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">ok</a>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\"><p>ok</p>",
        "<form action=\"https://evil.example\"><input name=a></form><p>ok</p>",
        "<p style=\"width: expression(alert(1))\">ok</p>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe><p>ok</p>",
        "<<script>script>alert(1)<</script>/script><p>ok</p>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math><p>ok</p>",
    ])
    func removesScriptVectors(html: String) {
        let clean = sanitizer.sanitize(html).markup.lowercased()
        #expect(!clean.contains("<script"))
        #expect(!clean.contains("javascript:"))
        #expect(!clean.contains("vbscript:"))
        #expect(!clean.contains("onerror"))
        #expect(!clean.contains("onclick"))
        #expect(!clean.contains("<iframe"))
        #expect(!clean.contains("style="))
        #expect(!clean.contains("data:text"))
        #expect(clean.contains("ok"))
    }

    @Test func keepsStructureAndResolvesRelativeLinks() {
        let clean = sanitizer.sanitize("<h1>Titel</h1><p>Text mit <a href=\"../other/\">Link</a> und <img src=\"/img/a.png\" alt=\"Bild\"></p><ul><li>eins</li></ul>").markup
        #expect(clean.contains("<h2>Titel</h2>"))
        #expect(clean.contains("href=\"https://partner.example/blog/other/\""))
        #expect(clean.contains("src=\"https://partner.example/img/a.png\""))
        #expect(clean.contains("<ul><li>eins</li></ul>"))
    }

    @Test func plainTextDropsMarkupAndScripts() {
        #expect(HTMLText.plainText("<p>Erste&nbsp;Zeile</p><script>var x</script><p>Zweite &amp; dritte</p>") == "Erste Zeile Zweite & dritte")
    }

    @Test func brokenXMLIsRecoveredWithLineNumbers() throws {
        let xml = "<rss>\n<channel>\n<item><title>A</title></item>\n<item><title>B &amp C</title></item>\n"
        let document = try MarkupParser.xml(Data(xml.utf8))
        #expect(document.root?.first("channel")?.all("item").count == 2)
        #expect(!document.problems.isEmpty)
        #expect(document.problems.contains { $0.line == 4 })
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r>&x;</r>"
        let document = try MarkupParser.xml(Data(xml.utf8))
        let text = document.root?.text ?? ""
        #expect(!text.contains("root:"))
        #expect(text.isEmpty)
    }

    @Test func emptyInputIsAnError() {
        #expect(throws: (any Error).self) { try MarkupParser.xml(Data()) }
    }
}
