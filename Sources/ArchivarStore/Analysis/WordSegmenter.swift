/// Splits UTF-8 text into the words the index sees: runs of letters, digits and combining
/// marks (UAX #29's ALetter, Numeric and Extend; Format characters such as the soft hyphen
/// count inside a word). A hyphen or an apostrophe between two runs joins them into one word
/// of several pieces (`Hilse-Carstensen`, `O’Neill`); anything else separates words, so a
/// trailing hyphen (`Kinder- und Jugendhilfe`) ends its word. Invalid UTF-8 separates too.
/// Spec: https://www.unicode.org/reports/tr29/#Word_Boundaries (simplified: no Mid* joins)
enum WordSegmenter {
    /// Calls `body` with the byte ranges of each word's pieces (one range for a plain word),
    /// in text order, until it returns false. The array is reused: copy what you keep.
    static func forEachWord(in text: UnsafeBufferPointer<UInt8>, _ body: ([Range<Int>]) -> Bool) {
        var pieces: [Range<Int>] = []
        var pieceStart: Int?
        var stopped = false
        func endWord(at end: Int) {
            guard let start = pieceStart else { return }
            pieces.append(start ..< end)
            stopped = !body(pieces)
            pieces.removeAll(keepingCapacity: true)
            pieceStart = nil
        }
        var index = 0
        while index < text.count, !stopped {
            let (kind, length) = classify(text, at: index)
            switch kind {
            case .letter:
                if pieceStart == nil { pieceStart = index }
            case .ignorable:
                break // inside a word it belongs to the word; outside it is nothing
            case .joiner:
                let next = index + length
                if let start = pieceStart, next < text.count, classify(text, at: next).kind == .letter {
                    pieces.append(start ..< index)
                    pieceStart = next
                } else {
                    endWord(at: index)
                }
            case .separator:
                endWord(at: index)
            }
            index += length
        }
        if !stopped { endWord(at: text.count) }
    }

    private enum Kind {
        case letter, joiner, ignorable, separator
    }

    /// The kind of the scalar at `index` and its length in bytes.
    private static func classify(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (kind: Kind, length: Int) {
        let byte = text[index]
        if byte < 0x80 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return (.letter, 1)
            case UInt8(ascii: "-"), UInt8(ascii: "'"):
                return (.joiner, 1)
            default:
                return (.separator, 1)
            }
        }
        // À–ÿ (0xC3 0x80–0xBF) are letters but for × and ÷: every German letter, without a table lookup.
        if byte == 0xC3, index + 1 < text.count, text[index + 1] & 0xC0 == 0x80 {
            return (text[index + 1] == 0x97 || text[index + 1] == 0xB7 ? .separator : .letter, 2)
        }
        guard let (scalar, length) = decode(text, at: index) else { return (.separator, 1) }
        switch scalar.value {
        case 0x2010, 0x2011, 0x2019, 0x02BC: // hyphen, non-breaking hyphen, right single quotation mark, modifier apostrophe
            return (.joiner, length)
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return (.letter, length)
        case .format:
            return (.ignorable, length)
        default:
            return (.separator, length)
        }
    }

    /// The scalar of a multi-byte UTF-8 sequence at `index`, or nil when it is invalid.
    private static func decode(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = text[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, value) = (4, UInt32(lead & 0x07))
        default: return nil
        }
        guard index + length <= text.count else { return nil }
        for offset in 1 ..< length {
            let byte = text[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
