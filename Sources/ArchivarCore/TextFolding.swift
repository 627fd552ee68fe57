import Foundation

/// Text helpers shared by ids, slugs and duplicate detection.
public enum TextFolding {
    /// Unicode NFC, trimmed, with runs of white space collapsed to one space.
    public static func clean(_ text: String) -> String {
        let nfc = nfc(text)
        let scalars = nfc.unicodeScalars
        var result = ""
        result.reserveCapacity(nfc.utf8.count)
        // Copies each run of non-space scalars in one append, a space before all but the first.
        var runStart: String.Index?
        var index = scalars.startIndex
        while index != scalars.endIndex {
            if isSpace(scalars[index]) {
                if let start = runStart { result += Substring(scalars[start..<index]) }
                runStart = nil
            } else if runStart == nil {
                if !result.isEmpty { result += " " }
                runStart = index
            }
            index = scalars.index(after: index)
        }
        if let start = runStart { result += Substring(scalars[start...]) }
        return result
    }

    /// `text` in Unicode NFC; text that is NFC already (see `isSurelyNFC`) is returned as it is.
    public static func nfc(_ text: String) -> String {
        isSurelyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// True when every scalar of `text` is one NFC never changes (NFC_Quick_Check=Yes and
    /// no combining mark): below U+0300, General Punctuation U+2010–U+205E, or `€`. False
    /// means "maybe not NFC", not "not NFC". Spec: UAX #15 §9 (quick check).
    static func isSurelyNFC(_ text: String) -> Bool {
        // UTF-8 lead bytes below 0xCC encode scalars below U+0300.
        guard text.utf8.contains(where: { $0 >= 0xCC }) else { return true }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.value < 0x300 || (0x2010...0x205E).contains(scalar.value) || scalar.value == 0x20AC
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
        let words = clean(text).split(separator: " ")
        let head = words.prefix(count).joined(separator: " ")
        return words.count > count ? head + " …" : head
    }
}

private extension UInt8 {
    /// `A`–`Z`, `a`–`z`, `0`–`9`: what `Character.isLetter || isNumber` says of ASCII.
    var isASCIILetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
