import ArchivarCore
@testable import Feeds
import Foundation
import Testing

/// Items read while libxml2 is still parsing the feed (`ItemReadAhead`) must be the records
/// and problems of reading them after the parse, whatever the rest of the document does.
@Suite struct FeedReadAheadTests {
    let source = SourceDefinition(id: "partner", title: "Partner", plugin: "rss", url: "x", kind: RecordKind.partner)
    let url = URL(fileURLWithPath: "/tmp/partner/feed.rss")

    /// `count` RSS items; `item(i)` may replace one.
    func rss(count: Int, head: String = Self.channelHead, tail: String = "", before: String = "",
             item: (Int) -> String? = { _ in nil }) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\(before)<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
            + " xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\(head)\n"
        for index in 0..<count {
            xml += item(index) ?? """
                <item><title>Beitrag \(index) über Jugendhilfeplanung</title><link>/beitrag/\(index)</link>
                <guid isPermaLink="false">id-\(index)</guid><pubDate>Mon, 0\(index % 9 + 1) Jan 2024 1\(index % 10):00:00 +0100</pubDate>
                <dc:creator>Käthe Bäring</dc:creator><category>Presse</category>
                <content:encoded><![CDATA[<p>Die Stadt <a href="/ort/\(index)">Erfurt</a> plant &amp; fördert.</p><ul><li>Eins</li></ul>]]></content:encoded>
                </item>

                """
        }
        return xml + "\(tail)</channel></rss>\n"
    }

    static let channelHead = "<title>Partner</title><link>https://partner.example/</link><language>de</language>"

    /// Reads `xml` with and without reading ahead and expects the same items, in order
    /// (however many the other threads got to read before the parse ended).
    func expectSameItems(_ xml: String) throws {
        let data = Data(xml.utf8)
        let ahead = try FeedDocument(data, url: url, source: source, charset: nil)
        let after = try FeedDocument(data, url: url, source: source, charset: nil, readsAhead: false)
        #expect(after.itemsReadAhead == 0)
        #expect(ahead.problems == after.problems)
        let aheadItems = ahead.read(0..<ahead.count), afterItems = after.read(0..<after.count)
        #expect(aheadItems.count == afterItems.count)
        for (one, other) in zip(aheadItems, afterItems) {
            #expect(one.record == other.record)
            #expect(one.record.json.canonicalText() == other.record.json.canonicalText())
            #expect(one.line == other.line)
            #expect(one.problems == other.problems)
        }
    }

    @Test func aLargeFeedReadsTheSameAhead() throws {
        let xml = rss(count: 3000)
        try expectSameItems(xml)
        // Whether another thread gets to an item before the parse ends is up to the
        // scheduler; on a busy machine perhaps not at the first try.
        let readAhead = try (0..<3).contains { _ in
            try FeedDocument(Data(xml.utf8), url: url, source: source, charset: nil).itemsReadAhead > 0
        }
        #expect(readAhead)
    }

    /// The channel's title and link come after the items: what was read ahead with the
    /// feed as it was then is read again (the title is each record's container title, the
    /// link the base of relative links in a feed read from a file).
    @Test func channelFieldsAfterTheItemsAreNotMissed() throws {
        let xml = rss(count: 800, head: "", tail: Self.channelHead)
        try expectSameItems(xml)
        let records = try FeedParser.parse(Data(xml.utf8), url: url, source: source).records
        #expect(records.count == 800)
        #expect(records.allSatisfy { $0.containerTitle == "Partner" && $0.link?.hasPrefix("https://partner.example/beitrag/") == true })
    }

    /// HTML entities the document does not declare are declared on first use, while other
    /// threads read items that use the ones declared before.
    @Test func entitiesDeclaredWhileItemsAreReadAhead() throws {
        let entities = ["nbsp", "eacute", "hellip", "copy", "mdash", "uuml", "szlig", "raquo"]
        try expectSameItems(rss(count: 1200) { index in
            guard index % 150 == 0 else { return nil }
            let entity = entities[index / 150 % entities.count]
            return "<item><title>Caf&\(entity); \(index) &nbsp;&amp; Co</title><link>/e/\(index)</link></item>\n"
        })
    }

    /// Items nested in items, empty items beyond line 65,535 (whose line libxml2 finds
    /// through the item after them), damage and a truncated end.
    @Test func oddItemsAndDamageReadTheSameAhead() throws {
        let padding = "<!--" + String(repeating: "\n", count: 66_000) + "-->\n"
        var xml = rss(count: 900, before: padding) { index in
            switch index {
            case 300: "<item/>"
            case 301: "<item/><item><title>Nach dem leeren</title></item>"
            case 400: "<item><title>Außen</title><item><title>Innen</title></item></item>"
            case 500: "<item><title>Kaputt &amp; < 3</titel></item>"
            default: nil
            }
        }
        try expectSameItems(xml)
        xml.removeLast(xml.utf8.count / 3)
        try expectSameItems(xml)
    }

    /// A feed without errors takes its items from the elements the parse handed over (in the
    /// order their end tags came), unless an item lies in another item or outside the tree:
    /// well-formed nesting, an item inside an element of the same name in another namespace, an
    /// item in an entity's text.
    @Test func itemsInItemsWithoutErrorsKeepDocumentOrder() throws {
        let entity = "<!DOCTYPE rss [<!ENTITY teaser \"<item><title>Aus der Entität</title></item>\">]>\n"
        try expectSameItems(rss(count: 600, before: entity) { index in
            switch index {
            case 100: "<item><title>Außen</title><item><title>Innen</title><link>/innen</link></item><link>/aussen</link></item>\n"
            case 200: "<x:item xmlns:x=\"urn:x\"><item><title>In x:item</title><link>/x</link></item></x:item>\n"
            case 300: "<item><title>Mit Entität</title><description>&teaser;</description><link>/t</link></item>\n"
            default: nil
            }
        })
        // Without them, every item in order, read from the elements handed over.
        let plain = try FeedDocument(Data(rss(count: 600).utf8), url: url, source: source, charset: nil)
        #expect(plain.read(0..<plain.count).map(\.record.link) == (0..<600).map { "https://partner.example/beitrag/\($0)" })
    }

    /// RDF (RSS 1.0) takes its items' namespace from the channel, else the first item:
    /// items before the channel are left to the pass after the parse.
    @Test func rdfItemsBeforeTheChannelReadTheSame() throws {
        var xml = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">\n"
        for index in 0..<600 {
            if index == 200 { xml += "<channel rdf:about=\"https://partner.example/\"><title>Partner</title><link>https://partner.example/</link></channel>\n" }
            xml += "<item rdf:about=\"https://partner.example/\(index)\"><title>Eintrag \(index)</title><description>Text &amp; mehr</description></item>\n"
        }
        try expectSameItems(xml + "</rdf:RDF>\n")
    }

    @Test func atomEntriesReadTheSameAhead() throws {
        var xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\"><title>Partner</title><link href=\"https://partner.example/\"/>"
            + "<author><name>Redaktion</name></author>\n"
        for index in 0..<800 {
            xml += "<entry><title type=\"html\">Eintrag &lt;b&gt;\(index)&lt;/b&gt;</title><id>urn:\(index)</id><link href=\"/e/\(index)\"/>"
                + "<updated>2024-01-0\(index % 9 + 1)T12:00:00Z</updated>"
                + "<content type=\"html\">&lt;p&gt;Inhalt \(index)&lt;/p&gt;</content></entry>\n"
        }
        try expectSameItems(xml + "</feed>\n")
    }
}
