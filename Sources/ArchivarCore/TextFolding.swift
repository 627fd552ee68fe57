import Foundation

/// Text helpers shared by ids, slugs and duplicate detection.
public enum TextFolding {
    /// Unicode NFC, trimmed, with runs of white space collapsed to one space.
    public static func clean(_ text: String) -> String {
        let nfc = text.precomposedStringWithCanonicalMapping
        var result = ""
        result.reserveCapacity(nfc.utf8.count)
        var pendingSpace = false
        for scalar in nfc.unicodeScalars {
            if CharacterSet.whitespacesAndNewlines.contains(scalar) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Lowercase ASCII with German transliteration (ä→ae, ß→ss) and other diacritics
    /// dropped; everything but letters and digits becomes a single `-`.
    public static func slug(_ text: String, maxLength: Int = 80) -> String {
        var result = ""
        var pendingDash = false
        for character in germanASCII(text.lowercased()) {
            if character.isASCII, character.isLetter || character.isNumber {
                if pendingDash, !result.isEmpty { result.append("-") }
                pendingDash = false
                result.append(character)
                if result.count >= maxLength { break }
            } else {
                pendingDash = true
            }
        }
        return result
    }

    /// A key for comparing texts: lowercase, transliterated, only letters and digits.
    public static func matchKey(_ text: String) -> String {
        slug(text, maxLength: 200).replacingOccurrences(of: "-", with: "")
    }

    /// German transliteration to ASCII: ä→ae, ö→oe, ü→ue, ß→ss; other marks removed.
    public static func germanASCII(_ text: String) -> String {
        var replaced = ""
        replaced.reserveCapacity(text.utf8.count)
        for character in text {
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
        return replaced.applyingTransform(.stripDiacritics, reverse: false) ?? replaced
    }

    /// The first `count` words of a text, with an ellipsis when cut.
    public static func firstWords(_ text: String, count: Int) -> String {
        let words = clean(text).split(separator: " ")
        let head = words.prefix(count).joined(separator: " ")
        return words.count > count ? head + " …" : head
    }
}
