import ArchivarCore
import ArchivarMarkup
import Feeds
import Foundation
import Testing

/// Known XSS vectors (`Fixtures/xss-vectors.txt`) through the sanitizer and through a feed.
@Suite struct XSSVectorFeedTests {
    static let vectors: [String] = {
        let url = Bundle.module.url(forResource: "Fixtures/xss-vectors.txt", withExtension: nil)!
        return try! String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }()

    /// What must never reach a page: script elements, event handlers, script URLs,
    /// frames, plugins, forms, styles and document-level elements.
    static func dangers(in markup: String) -> [String] {
        let lower = markup.lowercased()
        var found = ["<script", "<iframe", "<object", "<embed", "<applet", "<form", "<input", "<button", "<style",
                     "<meta", "<base", "<link", "<svg", "<math", "<body", "srcdoc", "style=", "expression(",
                     "data:text", "data:image/svg", "xlink:href", "formaction", "background="]
            .filter(lower.contains)
        if lower.firstMatch(of: #/<[^>]*\son[a-z]+\s*=/#) != nil { found.append("on… attribute") }
        for attribute in lower.matches(of: #/(?:href|src|cite)="([^"]*)"/#) {
            let value = attribute.1.replacingOccurrences(of: "&amp;", with: "&")
            if !(value.hasPrefix("https://") || value.hasPrefix("http://") || value.hasPrefix("mailto:")
                 || value.hasPrefix("data:image/png") || value.hasPrefix("data:image/gif")) {
                found.append("URL \(value)")
            }
        }
        return found
    }

    @Test func theListHoldsTheKnownVectors() {
        #expect(Self.vectors.count >= 40)
    }

    @Test(arguments: vectors)
    func sanitizerRemovesTheVectorAndKeepsHarmlessMarkup(vector: String) {
        let sanitizer = HTMLSanitizer(baseURL: URL(string: "https://partner.example/blog/"))
        let clean = sanitizer.sanitize("<p>harmlos <a href=\"/ok\">Link</a></p>" + vector).markup
        #expect(Self.dangers(in: clean).isEmpty, "\(clean)")
        #expect(!clean.lowercased().contains("javascript:") && !clean.lowercased().contains("vbscript:"), "\(clean)")
        #expect(clean.hasPrefix("<p>harmlos <a href=\"https://partner.example/ok\" rel=\"nofollow noopener\">Link</a></p>"), "\(clean)")
    }

    @Test func feedWithEveryVectorStoresNoScript() throws {
        var writer = XMLWriter()
        writer.element("rss", [("version", "2.0")]) { rss in
            rss.element("channel") { channel in
                channel.element("title", text: "XSS")
                for (index, vector) in Self.vectors.enumerated() {
                    channel.element("item") { item in
                        item.element("title", text: vector + " Titel \(index)")
                        item.element("link", text: "https://partner.example/\(index)")
                        item.element("description", text: "<p>harmlos</p>" + vector)
                    }
                }
            }
        }
        let source = SourceDefinition(id: "xss", title: "xss", plugin: "rss", url: "x", kind: RecordKind.partner)
        let result = try FeedParser.parse(Data(writer.output.utf8), url: URL(string: "https://partner.example/feed")!, source: source)
        #expect(result.records.count == Self.vectors.count)
        for record in result.records {
            let content = try #require(record.content)
            #expect(Self.dangers(in: content).isEmpty, "\(content)")
            #expect(content.hasPrefix("<p>harmlos</p>"))
            #expect(record.title?.lowercased().contains("<script") == false)
        }
    }

    @Test func imagesMayUseInlineRasterDataButNotSVG() {
        let sanitizer = HTMLSanitizer()
        let png = sanitizer.sanitize("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"p\">").markup
        #expect(png.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""))
        let svg = sanitizer.sanitize("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"s\">").markup
        #expect(!svg.contains("data:"))
        let link = sanitizer.sanitize("<a href=\"data:image/png;base64,iVBORw0KGgo=\">x</a>").markup
        #expect(!link.contains("data:"))
    }
}
