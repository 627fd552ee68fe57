@testable import ArchivarMarkup
import ArchivarTestSupport
import Foundation
import Testing

/// A feed is read as UTF-8 only when its bytes are well-formed UTF-8; the check must say
/// exactly what Foundation's decoder says, without copying the feed.
@Suite struct UTF8ValidationTests {
    @Test(arguments: [
        [], [0x41], Array("Straße „Zitat“ – €😀".utf8), Array(repeating: 0x61, count: 17) + [0xC3, 0xA4],
        [0xC3], [0xC3, 0x28], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
        [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xE2, 0x82], [0x61, 0xE2, 0x82, 0x61],
        Array("Caf".utf8) + [0xE9] + Array(" (Windows-1252)".utf8),
    ] as [[UInt8]])
    func agreesWithFoundation(bytes: [UInt8]) {
        #expect(XMLInputEncoding.isValidUTF8(Data(bytes)) == (String(data: Data(bytes), encoding: .utf8) != nil))
    }

    @Test func agreesWithFoundationOnRandomBytes() {
        var random = SplitMix64(seed: 7)
        for length in 0..<400 {
            let bytes = (0..<length).map { _ -> UInt8 in
                let byte = UInt8.random(in: 0...255, using: &random)
                // Mostly ASCII, so that the long runs get checked too.
                return Int.random(in: 0..<4, using: &random) == 0 ? byte : byte & 0x7F
            }
            let data = Data(bytes)
            #expect(XMLInputEncoding.isValidUTF8(data) == (String(data: data, encoding: .utf8) != nil), "\(bytes)")
        }
    }
}
