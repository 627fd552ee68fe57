import Foundation

/// Text helpers shared by ids, slugs and duplicate detection.
public enum TextFolding {
    /// Unicode NFC, trimmed, with runs of white space collapsed to one space.
    public static func clean(_ text: String) -> String {
        var nfc = nfc(text)
        // Works on the UTF-8 bytes: white space is a few known byte sequences (see
        // `spaceLength`), and text that is clean already is returned without a copy.
        return nfc.withUTF8 { bytes -> String? in
            guard needsCleaning(bytes) else { return nil }
            return CleanText.collapsing(bytes)
        } ?? nfc
    }

    /// Whether `bytes` have white space at either end, white space other than a single
    /// ASCII space, or two spaces in a row.
    private static func needsCleaning(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousWasSpace = true // white space at the start needs cleaning
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count {
                // Eight bytes whose only white space is single ASCII spaces, none of them right
                // after a space, need nothing: skipped whole.
                let word = ByteWords.word(bytes, at: index)
                let spaces = ByteWords.equal(word, UInt8(ascii: " "))
                let others = ByteWords.otherWhiteSpaceLeads(word)
                if others == 0, spaces & (spaces >> 8) == 0, !previousWasSpace || spaces & 0x80 == 0 {
                    previousWasSpace = spaces & 0x8000_0000_0000_0000 != 0
                    index += 8
                    continue
                }
            }
            let space = spaceLength(bytes, at: index)
            if space > 0 {
                if previousWasSpace || bytes[index] != UInt8(ascii: " ") { return true }
                previousWasSpace = true
                index += space
            } else {
                previousWasSpace = false
                index += 1
            }
        }
        return previousWasSpace && !bytes.isEmpty
    }

    /// The length in bytes of the white-space scalar starting at `index` (0 if none):
    /// exactly the scalars of `CharacterSet.whitespacesAndNewlines` (tab, line breaks,
    /// space, U+0085, U+00A0, U+1680, U+2000–U+200B, U+2028, U+2029, U+202F, U+205F,
    /// U+3000). Continuation bytes never match, so any byte offset may be asked about.
    @inline(__always)
    static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte > 0x20, byte < 0xC2 { return 0 } // the usual case: no white space starts with these
        if byte < 0x80 { return byte == 0x20 || (0x09...0x0D).contains(byte) ? 1 : 0 }
        return nonASCIISpaceLength(bytes, at: index)
    }

    private static func nonASCIISpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        let remaining = bytes.count - index
        switch byte {
        case 0xC2:
            return remaining >= 2 && (bytes[index + 1] == 0x85 || bytes[index + 1] == 0xA0) ? 2 : 0
        case 0xE1:
            return remaining >= 3 && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard remaining >= 3 else { return 0 }
            let second = bytes[index + 1], third = bytes[index + 2]
            if second == 0x80 { return (0x80...0x8B).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0 }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3:
            return remaining >= 3 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// `text` in Unicode NFC; text that is NFC already (see `isSurelyNFC`) is returned as it is.
    public static func nfc(_ text: String) -> String {
        isSurelyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// True when every scalar of `text` is one NFC never changes (NFC_Quick_Check=Yes and
    /// no combining mark): below U+0300, General Punctuation U+2010–U+205E, or `€`. False
    /// means "maybe not NFC", not "not NFC". Spec: UAX #15 §9 (quick check).
    static func isSurelyNFC(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isSurelyNFC($0) }
    }

    /// `isSurelyNFC` for well-formed UTF-8 bytes.
    package static func isSurelyNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, ByteWords.fromCombiningMarks(ByteWords.word(bytes, at: index)) == 0 {
                index += 8
                continue
            }
            let byte = bytes[index]
            // Below 0xCC: ASCII, continuation bytes, or the lead of a scalar below U+0300.
            if byte < 0xCC {
                index += 1
                continue
            }
            guard byte == 0xE2, index + 2 < bytes.count else { return false }
            let second = bytes[index + 1], third = bytes[index + 2]
            // E2 80 90…E2 81 9E is U+2010…U+205E; E2 82 AC is €.
            guard (second == 0x80 && third >= 0x90) || (second == 0x81 && third <= 0x9E)
                    || (second == 0x82 && third == 0xAC) else { return false }
            index += 3
        }
        return true
    }

    /// Whether well-formed UTF-8 `bytes` hold nothing but white space (see `isSpace`).
    public static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let space = spaceLength(bytes, at: index)
            guard space > 0 else { return false }
            index += space
        }
        return true
    }

    /// White space and line breaks as `CharacterSet.whitespacesAndNewlines` has them,
    /// without a set lookup for ASCII.
    public static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || ("\t"..."\r").contains(scalar) }
        return spaces.contains(scalar)
    }

    private static let spaces = CharacterSet.whitespacesAndNewlines

    /// `text` without the scalars `trim` matches (white space and line breaks unless
    /// told) at either end: `trimmingCharacters(in:)` without going through NSString.
    public static func trimmed(_ text: String, where trim: (Unicode.Scalar) -> Bool = isSpace) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !trim($0) }),
              let last = scalars.lastIndex(where: { !trim($0) }) else { return "" }
        return String(scalars[first...last])
    }

    /// Lowercase ASCII with German transliteration (ä→ae, ß→ss) and other diacritics
    /// dropped; everything but letters and digits becomes a single `-`.
    public static func slug(_ text: String, maxLength: Int = 80) -> String {
        if let slug = asciiSlug(text, maxLength: maxLength) { return String(decoding: slug, as: UTF8.self) }
        return unicodeSlug(text, maxLength: maxLength)
    }

    /// `slug` for any text, character by character.
    static func unicodeSlug(_ text: String, maxLength: Int) -> String {
        var result = ""
        var length = 0 // result.count, which is O(n) on String; result is ASCII, one byte per character
        var pendingDash = false
        for character in germanASCII(text.lowercased()) {
            if let ascii = character.asciiValue, ascii.isASCIILetterOrDigit {
                if pendingDash, !result.isEmpty {
                    result.append("-")
                    length += 1
                }
                pendingDash = false
                result.append(character)
                length += 1
                if length >= maxLength { break }
            } else {
                pendingDash = true
            }
        }
        return result
    }

    /// A key for comparing texts: lowercase, transliterated, only letters and digits.
    public static func matchKey(_ text: String) -> String {
        if let slug = asciiSlug(text, maxLength: 200) {
            return String(decoding: slug.lazy.filter { $0 != UInt8(ascii: "-") }, as: UTF8.self)
        }
        return unicodeSlug(text, maxLength: 200).filter { $0 != "-" }
    }

    /// `slug(text, maxLength:)` worked out on the UTF-8 bytes, for text of ASCII, the Latin-1
    /// letters that fold to ASCII (ä → ae, ß → ss, é → e, Ç → c; precomposed, with no combining
    /// mark after them) and common punctuation (`separatorLength`): nearly every title and
    /// name. Nil for any other text, which
    /// needs Unicode case mapping and diacritics removal (`slug`'s general path). The words of
    /// such text are its runs of ASCII letters and digits, so this also gives
    /// `PersonKey.fold`'s result, with no length limit.
    static func asciiSlug(_ text: String, maxLength: Int) -> [UInt8]? {
        var text = text
        return text.withUTF8 { bytes -> [UInt8]? in
            var result: [UInt8] = []
            result.reserveCapacity(Swift.min(bytes.count * 2, maxLength) + 1)
            var pendingDash = false
            var index = 0
            /// Appends a letter or digit; false when the slug is long enough.
            func append(_ letter: UInt8) -> Bool {
                if pendingDash, !result.isEmpty { result.append(UInt8(ascii: "-")) }
                pendingDash = false
                result.append(letter)
                return result.count < maxLength
            }
            /// Whether the scalar at `index` may join the character before it (a combining mark,
            /// a joiner): then that character is no letter of the slug, as the general path sees it.
            func mayExtendPrevious() -> Bool {
                index < bytes.count && bytes[index] >= 0xCC && separatorLength(bytes, at: index) == 0
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                    if byte.isASCIILetterOrDigit {
                        guard append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) else {
                            return mayExtendPrevious() ? nil : result
                        }
                    } else {
                        pendingDash = true
                    }
                    continue
                }
                let separator = separatorLength(bytes, at: index)
                if separator > 0 {
                    index += separator
                    pendingDash = true
                    continue
                }
                guard byte == 0xC3, index + 1 < bytes.count, let folded = latin1Letters[Int(bytes[index + 1] & 0x3F)] else { return nil }
                index += 2
                guard let first = folded.first else {
                    pendingDash = true // × and ÷
                    continue
                }
                guard !mayExtendPrevious() else { return nil }
                guard append(first), folded.count < 2 || append(folded[1]) else { break }
            }
            return result
        }
    }

    /// The length of the punctuation scalar at `index` that `asciiSlug` may take as a word
    /// separator (0 if none): no letter or digit, unchanged by case mapping and diacritics
    /// removal, never part of another character. General Punctuation U+2010…U+205E (dashes,
    /// typographic quotes), `€`, and the no-break space, `§`, `°`, `«` and `»`.
    private static func separatorLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let remaining = bytes.count - index
        switch bytes[index] {
        case 0xC2:
            guard remaining >= 2 else { return 0 }
            switch bytes[index + 1] {
            case 0xA0, 0xA7, 0xAB, 0xB0, 0xBB: return 2
            default: return 0
            }
        case 0xE2:
            guard remaining >= 3 else { return 0 }
            let second = bytes[index + 1], third = bytes[index + 2]
            let punctuation = (second == 0x80 && third >= 0x90) || (second == 0x81 && third <= 0x9E) || (second == 0x82 && third == 0xAC)
            return punctuation ? 3 : 0
        default:
            return 0
        }
    }

    /// What `germanASCII(text.lowercased())` makes of U+00C0…U+00FF (the second byte of their
    /// UTF-8 after 0xC3, less 0x80): one or two ASCII letters, nothing for × and ÷ (no
    /// letters), nil for Æ Ð Ø Þ æ ð ø þ, letters of their own that stay non-ASCII.
    private static let latin1Letters: [[UInt8]?] = {
        let upper = "a a a a ae a - c e e e e i i i i - n o o o o oe × - u u u ue y - ss"
        let lower = "a a a a ae a - c e e e e i i i i - n o o o o oe ÷ - u u u ue y - y"
        return (upper + " " + lower).split(separator: " ").map { folded in
            switch folded {
            case "-": nil
            case "×", "÷": []
            default: Array(folded.utf8)
            }
        }
    }()

    /// German transliteration to ASCII: ä→ae, ö→oe, ü→ue, ß→ss; other marks removed.
    public static func germanASCII(_ text: String) -> String {
        var replaced = ""
        replaced.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isASCII {
                replaced.append(character)
                continue
            }
            switch character {
            case "ä": replaced += "ae"
            case "ö": replaced += "oe"
            case "ü": replaced += "ue"
            case "Ä": replaced += "Ae"
            case "Ö": replaced += "Oe"
            case "Ü": replaced += "Ue"
            case "ß": replaced += "ss"
            default: replaced.append(character)
            }
        }
        guard mayCarryDiacritics(replaced) else { return replaced }
        return replaced.applyingTransform(.stripDiacritics, reverse: false) ?? replaced
    }

    /// False when stripping diacritics cannot change `text`: it is ASCII, General
    /// Punctuation (typographic quotes, dashes) and `€`, none of which decompose.
    private static func mayCarryDiacritics(_ text: String) -> Bool {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
        return !text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII || (0x2010...0x205E).contains(scalar.value) || scalar.value == 0x20AC
        }
    }

    /// The first `count` words of a text, with an ellipsis when cut.
    public static func firstWords(_ text: String, count: Int) -> String {
        var clean = clean(text)
        // Words are what lies between the single spaces `clean` leaves, when no scalar can
        // join a space into a grapheme cluster (a combining mark after it, a prepended
        // mark before it): below U+0300, General Punctuation and € never do.
        guard count > 0, isSurelyNFC(clean) else {
            let words = clean.split(separator: " ")
            let head = words.prefix(count).joined(separator: " ")
            return words.count > count ? head + " …" : head
        }
        return clean.withUTF8 { bytes -> String? in
            var spaces = 0
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: " ") {
                spaces += 1
                if spaces == count { return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<index]), as: UTF8.self) + " …" }
            }
            return nil
        } ?? clean
    }
}

private extension UInt8 {
    /// `A`–`Z`, `a`–`z`, `0`–`9`: what `Character.isLetter || isNumber` says of ASCII.
    var isASCIILetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
