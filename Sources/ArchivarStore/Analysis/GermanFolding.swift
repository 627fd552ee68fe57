import ArchivarCore
import Foundation

/// Folds one word (its UTF-8 bytes) into the form the index compares: NFC, lower case,
/// German normalization as Lucene's GermanNormalizationFilter does it (ä/ae → a, ö/oe → o,
/// ü/ue → u, ß → ss; the digraphs not after a vowel or `q`, so `Steuer` and `Quelle` keep
/// their `e`), then other diacritics and compatibility forms (`é` → `e`, `ﬂ` → `fl`) removed.
/// `Thüringen`, `Thueringen` and `THÜRINGEN` all fold to `thuringen`.
enum GermanFolding {
    /// The folded word; empty when nothing of it is a letter or digit.
    static func fold(_ word: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        fastFold(word) ?? slowFold(word)
    }

    /// The folded form of `word` as text (tests and the word list).
    static func fold(_ word: String) -> String {
        var word = word
        return word.withUTF8 { String(decoding: fold($0), as: UTF8.self) }
    }

    /// ASCII and the German letters ä ö ü ß (upper and lower case, precomposed) byte by byte,
    /// without Foundation: nearly every German word. Nil when the word holds anything else.
    private static func fastFold(_ word: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(word.count + 1)
        var normalizer = Normalizer()
        var index = 0
        while index < word.count {
            let byte = word[index]
            if byte < 0x80 {
                normalizer.append(Unicode.Scalar(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte), to: &output)
                index += 1
            } else if byte == 0xC3, index + 1 < word.count, let letter = germanLetter(word[index + 1]) {
                normalizer.append(letter, to: &output)
                index += 2
            } else {
                return nil
            }
        }
        return output
    }

    /// Ä Ö Ü ä ö ü ß from the second byte of their two-byte UTF-8 form (after 0xC3), lower-cased.
    private static func germanLetter(_ byte: UInt8) -> Unicode.Scalar? {
        switch byte {
        case 0x84, 0xA4: "ä"
        case 0x96, 0xB6: "ö"
        case 0x9C, 0xBC: "ü"
        case 0x9F: "ß"
        default: nil
        }
    }

    /// Any other text: Unicode NFC and lower case, the German normalization, then NFKD with
    /// combining marks and format characters (soft hyphen, joiners) dropped.
    private static func slowFold(_ word: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let lowered = TextFolding.nfc(String(decoding: word, as: UTF8.self)).lowercased()
        var output: [UInt8] = []
        var normalizer = Normalizer()
        var others = false
        for scalar in lowered.unicodeScalars {
            normalizer.append(scalar, to: &output)
            others = others || !scalar.isASCII
        }
        guard others else { return output }
        let decomposed = String(decoding: output, as: UTF8.self).decomposedStringWithCompatibilityMapping.lowercased()
        var stripped = String.UnicodeScalarView()
        for scalar in decomposed.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format: continue
            default: stripped.append(scalar)
            }
        }
        return Array(String(stripped).utf8)
    }

    /// Lucene's GermanNormalizationFilter as a state machine over lower-case scalars.
    /// Spec: https://lucene.apache.org/core/9_0_0/analysis/common/org/apache/lucene/analysis/de/GermanNormalizationFilter.html
    private struct Normalizer {
        private enum State {
            /// After a consonant or at the start.
            case other
            /// After a vowel (or `q`): a following `e` stays.
            case vowel
            /// After `a`, `o`, or `u` not preceded by a vowel: a following `e` is dropped.
            case umlautBase
        }

        private var state = State.other

        mutating func append(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
            switch scalar {
            case "a", "o":
                output.append(UInt8(scalar.value))
                state = .umlautBase
            case "u":
                output.append(UInt8(scalar.value))
                state = state == .other ? .umlautBase : .vowel
            case "e":
                if state != .umlautBase { output.append(UInt8(ascii: "e")) }
                state = .vowel
            case "i", "q", "y":
                output.append(UInt8(scalar.value))
                state = .vowel
            case "ä":
                output.append(UInt8(ascii: "a"))
                state = .vowel
            case "ö":
                output.append(UInt8(ascii: "o"))
                state = .vowel
            case "ü":
                output.append(UInt8(ascii: "u"))
                state = .vowel
            case "ß":
                output.append(contentsOf: [UInt8(ascii: "s"), UInt8(ascii: "s")])
                state = .other
            default:
                UTF8.encode(scalar) { output.append($0) }
                state = .other
            }
        }
    }
}
