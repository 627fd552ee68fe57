/// Splits UTF-8 text into the words the index sees: runs of letters, digits and combining
/// marks (UAX #29's ALetter, Numeric and Extend; Format characters such as the soft hyphen
/// count inside a word). A hyphen or an apostrophe between two runs joins them into one word
/// of several pieces (`Hilse-Carstensen`, `O’Neill`); anything else separates words, so a
/// trailing hyphen (`Kinder- und Jugendhilfe`) ends its word. Invalid UTF-8 separates too.
/// Spec: https://www.unicode.org/reports/tr29/#Word_Boundaries (simplified: no Mid* joins)
struct WordSegmenter {
    private let text: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// The current word's byte range; valid after `next()` returned true.
    private(set) var word: Range<Int> = 0 ..< 0
    /// The byte ranges of the current word's pieces when a hyphen or an apostrophe joins
    /// several (`Hilse-Carstensen`); empty for a plain word, which is one piece.
    private(set) var joinedPieces: [Range<Int>] = []

    /// A segmenter at the start of `text`.
    init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
    }

    /// Calls `body` with the byte ranges of each word's pieces (one range for a plain word),
    /// in text order, until it returns false. The array is reused: copy what you keep.
    static func forEachWord(in text: UnsafeBufferPointer<UInt8>, _ body: ([Range<Int>]) -> Bool) {
        var words = WordSegmenter(text)
        var plain = [0 ..< 0]
        while words.next() {
            if words.joinedPieces.isEmpty {
                plain[0] = words.word
                guard body(plain) else { return }
            } else {
                guard body(words.joinedPieces) else { return }
            }
        }
    }

    /// Moves to the next word, setting `word` and `joinedPieces`; false at the end of the text.
    mutating func next() -> Bool {
        if !joinedPieces.isEmpty { joinedPieces.removeAll(keepingCapacity: true) }
        var wordStart: Int?
        var pieceStart = 0
        while index < text.count {
            let (kind, length) = Self.classify(text, at: index)
            switch kind {
            case .letter:
                if wordStart == nil {
                    wordStart = index
                    pieceStart = index
                }
            case .ignorable:
                break // inside a word it belongs to the word; outside it is nothing
            case .joiner:
                let next = index + length
                if wordStart != nil, next < text.count, Self.classify(text, at: next).kind == .letter {
                    joinedPieces.append(pieceStart ..< index)
                    pieceStart = next
                } else if let wordStart {
                    endWord(from: wordStart, lastPiece: pieceStart, at: index)
                    index += length
                    return true
                }
            case .separator:
                if let wordStart {
                    endWord(from: wordStart, lastPiece: pieceStart, at: index)
                    index += length
                    return true
                }
            }
            index += length
        }
        guard let wordStart else { return false }
        endWord(from: wordStart, lastPiece: pieceStart, at: text.count)
        return true
    }

    private mutating func endWord(from start: Int, lastPiece: Int, at end: Int) {
        word = start ..< end
        if !joinedPieces.isEmpty { joinedPieces.append(lastPiece ..< end) }
    }

    private enum Kind {
        case letter, joiner, ignorable, separator
    }

    /// The kind of the scalar at `index` and its length in bytes.
    private static func classify(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (kind: Kind, length: Int) {
        let byte = text[index]
        if byte < 0x80 {
            // Comparisons rather than range patterns, which the optimizer leaves as calls.
            let lower = byte | 0x20
            if (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) {
                return (.letter, 1)
            }
            return byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'") ? (.joiner, 1) : (.separator, 1)
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
