import ArchivarMarkup
import ArchivarTestSupport
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

    @Test func aCombiningMarkAfterATagCannotBreakTheTagOpen() {
        // In NFC, ">" and U+0338 join into "≯": a browser would read `<p≯ onmouseover=…`
        // as an element with an event handler.
        let clean = sanitizer.sanitize("<p>\u{338} onmouseover=alert(1) x</p><p>a\u{338}</p>").markup
        #expect(clean == "<p>&#824; onmouseover=alert(1) x</p><p>a\u{338}</p>")
        #expect(sanitizer.sanitizeContent("<b>x</b>\u{301}\u{338}y").html.markup == "<b>x</b>&#769;&#824;y")
    }

    @Test(arguments: [
        "<p>Erste&nbsp;Zeile</p><script>var x</script><p>Zweite &amp; dritte</p>",
        "a<section>b</section>c<article>d</article>",
        "<h1>Titel</h1>Text<br>mehr<hr>Ende<img alt=\"Bild\">ohne<img src=\"/a.png\">Bild",
        "<p>x<div>y</div>z</p><table><tr><td>1</td><td>2</td></tr></table><ul><li>a<li>b</ul>",
        "<a href=\"/x\"><div>Block im Link</div></a>nach<font>unbekannt</font>dem",
        "Steuer\u{7F}zeichen<p>\u{301}Akzent</p><b>e</b>\u{301}",
        "<dl><dt>Begriff<dd>Erklärung</dl><pre>\n  eingerückt</pre><blockquote>Zitat</blockquote>",
        "<caption>x</caption><tfoot>y<li>z</tfoot><p><p>leer</p>",
        "<svg><text>Grafik</text></svg><noscript>nie</noscript><template>nie</template>sichtbar",
    ])
    func theContentsPlainTextIsWhatItsMarkupReads(html: String) {
        let content = sanitizer.sanitizeContent(html)
        #expect(content.html == sanitizer.sanitize(html))
        #expect(content.plainText == HTMLText.plainText(content.html.markup))
    }

    @Test func thePlainTextOfGeneratedTagSoupIsWhatItsMarkupReads() {
        var soup = TagSoup(seed: 2024)
        for _ in 0..<400 {
            let html = soup.fragment()
            let content = sanitizer.sanitizeContent(html)
            #expect(content.plainText == HTMLText.plainText(content.html.markup), "\(html)")
        }
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

/// Random HTML fragments: known, unknown and dropped elements nested at random, some left
/// open or closed twice, with attributes, entities, German text and odd white space.
struct TagSoup {
    /// The same seed gives the same fragments.
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    private mutating func next(_ bound: Int) -> Int {
        Int(generator.next() % UInt64(bound))
    }

    private mutating func pick(_ choices: [String]) -> String { choices[next(choices.count)] }

    static let tags = ["p", "div", "span", "a", "b", "h1", "h3", "ul", "ol", "li", "table", "tr", "td", "th", "caption",
                       "tfoot", "blockquote", "pre", "br", "hr", "img", "section", "article", "font", "script", "style",
                       "iframe", "form", "svg", "noscript", "template", "figure", "figcaption", "q", "dl", "dt", "dd",
                       "title", "head", "body", "textarea", "nav", "details"]
    static let words = ["Stadtentwicklung", "Größe", "Straße", "Café", "e\u{301}", "\u{A0}", "\u{200B}", "„Zitat“",
                        "–", "&amp;", "&nbsp;", "&auml;", "&bogus;", "&lt;", "&#8220;", "&", "<3", "a < b", "\t", "\n",
                        "  ", " ", " ", "und", "die", "Planung", "\u{7F}", "😀", "\u{301}"]
    static let attributes = [" href=\"/x\"", " href=javascript:alert(1)", " src=\"a.png\"", " title=\"T &amp; t\"",
                             " onclick=\"x()\"", " style=\"color:red\"", " alt=Bild", " colspan=2"]

    mutating func fragment(depth: Int = 0) -> String {
        var html = ""
        for _ in 0...next(4) {
            if depth > 3 || next(3) == 0 {
                for _ in 0...next(5) { html += pick(Self.words) + pick(["", " ", "\n"]) }
                continue
            }
            let tag = pick(Self.tags)
            let attributes = next(2) == 0 ? pick(Self.attributes) : ""
            let inner = fragment(depth: depth + 1)
            switch next(6) {
            case 0: html += "<\(tag)\(attributes)>" + inner
            case 1: html += inner + "</\(tag)>"
            default: html += "<\(tag)\(attributes)>" + inner + "</\(tag)>"
            }
        }
        return html
    }
}
