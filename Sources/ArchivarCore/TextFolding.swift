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
            var builder = CleanText(capacity: bytes.count)
            builder.append(bytes)
            return builder.collapsed
        } ?? nfc
    }

    /// Whether `bytes` have white space at either end, white space other than a single
    /// ASCII space, or two spaces in a row.
    private static func needsCleaning(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousWasSpace = true // white space at the start needs cleaning
        var index = 0
        while index < bytes.count {
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
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
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
        slug(text, maxLength: 200).filter { $0 != "-" }
    }

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
        let clean = clean(text)
        // Words are what lies between the single spaces `clean` leaves, when no scalar can
        // join a space into a grapheme cluster (a combining mark after it, a prepended
        // mark before it): below U+0300, General Punctuation and € never do.
        guard count > 0, isSurelyNFC(clean) else {
            let words = clean.split(separator: " ")
            let head = words.prefix(count).joined(separator: " ")
            return words.count > count ? head + " …" : head
        }
        var spaces = 0
        let utf8 = clean.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: " ") {
                spaces += 1
                if spaces == count { return String(clean[..<index]) + " …" }
            }
            index = utf8.index(after: index)
        }
        return clean
    }
}

private extension UInt8 {
    /// `A`–`Z`, `a`–`z`, `0`–`9`: what `Character.isLetter || isNumber` says of ASCII.
    var isASCIILetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
