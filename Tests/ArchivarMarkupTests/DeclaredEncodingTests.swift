@testable import ArchivarMarkup
import ArchivarTestSupport
import Foundation
import Testing

/// The XML declaration's `encoding` is read byte by byte; it must say what the regular
/// expression it replaced said (kept here as the reference), on the first 512 bytes read as ISO-8859-1.
@Suite struct DeclaredEncodingTests {
    nonisolated(unsafe) private static let reference = #/\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']/#

    private static func expected(_ bytes: [UInt8]) -> String? {
        guard let head = String(data: Data(bytes.prefix(512)), encoding: .isoLatin1),
              let match = head.prefixMatch(of: reference) else { return nil }
        return String(match.1)
    }

    @Test(arguments: [
        #"<?xml version="1.0" encoding="ISO-8859-1"?><rss/>"#, "<?xml version='1.0' encoding='windows-1252'?>",
        " \r\n\t<?xml encoding = \"KOI8-R\" ?>", "<?xml version=\"1.0\"?><x encoding=\"latin1\"/>",
        "<?xml encoding=\"utf-8'?>", "<?xml encoding=\"\"?>", "<?xml encoding=\"a b\"?>", "<?XML encoding=\"latin1\"?>",
        "<?xml ENCODING=\"latin1\"?>", "<rss><?xml encoding=\"latin1\"?>", "<?xml encodingencoding=\"x\" encoding='y'?>",
        "<?xml encoding=latin1 encoding=\"l2\"?>", "<?xml", "", "<?xml encoding=\"iso-8859-15",
        "<?xml version=\"1.0\"" + String(repeating: " ", count: 480) + "encoding=\"latin1\"?>",
    ])
    func agreesWithTheRegularExpression(head: String) {
        let bytes = Array(head.utf8)
        #expect(XMLInputEncoding.declaredEncoding(Data(bytes)) == Self.expected(bytes))
    }

    @Test func agreesOnLatin1WhiteSpaceAndBytes() {
        for space: [UInt8] in [[0x85], [0xA0], [0x0B, 0x0C], [0x1C], [0xC2, 0xA0]] {
            let bytes = space + Array("<?xml encoding=".utf8) + space + Array("'cp1252'?>".utf8)
            #expect(XMLInputEncoding.declaredEncoding(Data(bytes)) == Self.expected(bytes), "\(space)")
        }
    }

    @Test func agreesOnRandomDeclarations() {
        let pieces: [[UInt8]] = ["<?xml", " ", "\r\n", "\t", "encoding", "=", "\"", "'", "utf-8", "ISO-8859-1", ">", "?",
                                 "version=\"1.0\"", "x", "é"].map { Array($0.utf8) } + [[0x85], [0xA0], [0xFF]]
        var random = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            var bytes: [UInt8] = Int.random(in: 0..<3, using: &random) == 0 ? [] : Array("<?xml ".utf8)
            for _ in 0..<Int.random(in: 0..<14, using: &random) { bytes += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
            #expect(XMLInputEncoding.declaredEncoding(Data(bytes)) == Self.expected(bytes), "\(bytes)")
        }
    }
}
