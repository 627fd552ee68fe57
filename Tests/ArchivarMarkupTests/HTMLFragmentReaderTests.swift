import ArchivarCore
import ArchivarMarkup
import Foundation
import Testing

/// The sanitizer reads partner HTML from libxml2's parser events, without a tree: what it
/// keeps must be what the parsed document holds, also where the parser reports text in
/// pieces, gives up on deep nesting, or is used again for the next fragment on a thread.
@Suite struct HTMLFragmentReaderTests {
    let sanitizer = HTMLSanitizer(baseURL: URL(string: "https://partner.example/"))

    @Test func textInPiecesIsOneText() {
        // libxml2 reports text in pieces of up to 1,000 bytes and each entity apart.
        let long = String(repeating: "Größe & Maß ", count: 300)
        let content = sanitizer.sanitizeContent("<p>" + long.replacingOccurrences(of: "&", with: "&amp;") + "</p>")
        #expect(content.html.markup == "<p>" + long.replacingOccurrences(of: "&", with: "&amp;") + "</p>")
        #expect(content.plainText == TextFolding.clean(long))
        #expect(HTMLText.plainText("<b>Stadt&shy;planung</b>&nbsp;und&#160;Verkehr") == "Stadt\u{AD}planung und Verkehr")
    }

    @Test func aCombiningMarkAfterLeftOutControlCharactersCannotBreakTheTagOpen() {
        // Escaping leaves control characters out, which would put the mark right after `>`,
        // where NFC joins the two into `≯`.
        #expect(sanitizer.sanitize("<p>\u{7F}\u{338} onmouseover=alert(1) x</p>").markup == "<p>&#824; onmouseover=alert(1) x</p>")
        #expect(sanitizer.sanitize("<b>x</b>\u{1}<!-- -->\u{7F}\u{338}y").markup == "<b>x</b>&#824;y")
        // More control characters than one piece of text holds.
        let markup = sanitizer.sanitize("<p>" + String(repeating: "\u{7F}", count: 1500) + "\u{338}x</p>").markup
        #expect(markup == "<p>&#824;x</p>")
    }

    @Test func nestingDeeperThanTheParserAllowsEndsTheFragmentThere() {
        let deep = sanitizer.sanitize(String(repeating: "<div>", count: 300) + "tief</div><p>danach</p>").markup
        #expect(!deep.contains("tief") && !deep.contains("danach"))
        #expect(deep.components(separatedBy: "<div>").count == deep.components(separatedBy: "</div>").count)
        // The next fragment on this thread is read whole again.
        let shallow = sanitizer.sanitize(String(repeating: "<div>", count: 200) + "tief</div><p>danach</p>").markup
        #expect(shallow.contains("tief") && shallow.contains("<p>danach</p>"))
    }

    @Test func onlyTheFragmentsBodyIsKept() {
        #expect(sanitizer.sanitize("<p>eins</p></body><p>zwei</p>").markup == "<p>eins</p>")
        #expect(sanitizer.sanitize("<p>eins</p></html>zwei").markup == "<p>eins</p>")
        #expect(sanitizer.sanitize("<body><p>eins</p></body>").markup == "<p>eins</p>")
    }

    @Test func unclosedAndCutOffMarkupIsClosed() {
        #expect(sanitizer.sanitize("<ul><li>eins<li>zwei").markup == "<ul><li>eins</li><li>zwei</li></ul>")
        #expect(sanitizer.sanitize("<p>vor\u{0}nach</p>").markup == "<p>vor</p>")
        #expect(sanitizer.sanitize("<p><a href=\"/x\">Link").markup == "<p><a href=\"https://partner.example/x\" rel=\"nofollow noopener\">Link</a></p>")
    }

    @Test func readsInParallelGiveWhatOneReadGives() async {
        let fragments = (0..<400).map { "<p>Absatz \($0) mit <a href=\"/s/\($0)/\">Link</a> &amp; <b>mehr</b></p>" + String(repeating: "<div>", count: $0 % 7 == 0 ? 300 : 3) }
        let sanitizer = sanitizer
        let expected = fragments.map { sanitizer.sanitize($0).markup }
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for (index, fragment) in fragments.enumerated() { group.addTask { (index, sanitizer.sanitize(fragment).markup) } }
            var results = [String](repeating: "", count: fragments.count)
            for await (index, markup) in group { results[index] = markup }
            return results
        }
        #expect(results == expected)
    }
}
