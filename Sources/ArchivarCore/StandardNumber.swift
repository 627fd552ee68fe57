/// ISBN and ISSN: the check-digit arithmetic and the split of a field that holds several
/// numbers ("978-3-7799-3407-2, 3-7799-3407-0", "ISSN 0342-3581").
/// Spec: ISO 2108 (ISBN, the ISBN Users' Manual §5), ISO 3297 (ISSN).
public enum StandardNumber {
    /// One number as written, with what is wrong with it (nil when it is valid).
    public struct Checked: Sendable, Equatable {
        /// The number as it stood in the field.
        public var written: String
        /// Why it is not a valid number, in one sentence; nil when valid.
        public var problem: String?
    }

    /// Every ISBN in `field`, each checked: 10 or 13 digits (hyphens and spaces allowed),
    /// a 978/979 prefix for ISBN-13, the right check digit.
    public static func isbns(in field: String) -> [Checked] {
        numbers(in: field, label: "ISBN", lengths: [10, 13]).map { written in
            Checked(written: written, problem: isbnProblem(written))
        }
    }

    /// Every ISSN in `field`, each checked: 8 digits (`NNNN-NNNC`) with the right check digit.
    public static func issns(in field: String) -> [Checked] {
        numbers(in: field, label: "ISSN", lengths: [8]).map { written in
            Checked(written: written, problem: issnProblem(written))
        }
    }

    /// The check digit an ISBN-10 or ISBN-13 needs, from its other digits; nil for other lengths.
    public static func isbnCheckDigit(_ digits: String) -> Character? {
        let values = digits.compactMap(\.wholeNumberValue)
        switch digits.count {
        case 10:
            // Weights 10 down to 2; the check digit makes the weighted sum a multiple of 11.
            let sum = zip(values.prefix(9), stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
            return checkCharacter((11 - sum % 11) % 11)
        case 13:
            // Weights 1, 3, 1, 3, …; the check digit makes the weighted sum a multiple of 10.
            let sum = values.prefix(12).enumerated().reduce(0) { $0 + $1.element * ($1.offset.isMultiple(of: 2) ? 1 : 3) }
            return Character(String((10 - sum % 10) % 10))
        default:
            return nil
        }
    }

    /// The check digit an ISSN needs, from its first seven digits.
    public static func issnCheckDigit(_ digits: String) -> Character? {
        guard digits.count == 8 else { return nil }
        let values = digits.compactMap(\.wholeNumberValue)
        let sum = zip(values.prefix(7), stride(from: 8, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacter((11 - sum % 11) % 11)
    }

    /// The digits of a number without hyphens and spaces, `x` as `X`.
    public static func compact(_ written: String) -> String {
        String(written.filter { $0 != "-" && $0 != " " && $0 != "\u{2010}" && $0 != "\u{2011}" }).uppercased()
    }

    // MARK: Checks

    static func isbnProblem(_ written: String) -> String? {
        let digits = compact(written)
        if let problem = characterProblem(digits, written: written, name: "an ISBN") { return problem }
        guard digits.count == 10 || digits.count == 13 else {
            return "\(written) has \(digits.count) digits; an ISBN has 10 or 13"
        }
        if digits.count == 13, !digits.hasPrefix("978"), !digits.hasPrefix("979") {
            return "\(written) starts with \(digits.prefix(3)); an ISBN-13 starts with 978 or 979"
        }
        if digits.count == 13, digits.last == "X" {
            return "\(written) ends in X; only an ISBN-10 may have X as its check digit"
        }
        return checkDigitProblem(written, digits: digits, expected: isbnCheckDigit(digits), name: "ISBN-\(digits.count)")
    }

    static func issnProblem(_ written: String) -> String? {
        let digits = compact(written)
        if let problem = characterProblem(digits, written: written, name: "an ISSN") { return problem }
        guard digits.count == 8 else {
            return "\(written) has \(digits.count) digits; an ISSN has 8 (NNNN-NNNC)"
        }
        return checkDigitProblem(written, digits: digits, expected: issnCheckDigit(digits), name: "ISSN")
    }

    /// Only digits, with `X` allowed as the last character.
    private static func characterProblem(_ digits: String, written: String, name: String) -> String? {
        guard let bad = digits.dropLast().first(where: { !$0.isASCII || !$0.isNumber })
                ?? digits.last.flatMap({ $0.isASCII && ($0.isNumber || $0 == "X") ? nil : $0 }) else { return nil }
        return "\(written) contains \"\(bad)\"; \(name) holds only digits, hyphens and spaces (X only as the last digit)"
    }

    private static func checkDigitProblem(_ written: String, digits: String, expected: Character?, name: String) -> String? {
        guard let expected, let given = digits.last, given != expected else { return nil }
        return "\(written) is not a valid \(name): its check digit (the last) is \(given), but its other digits "
            + "give \(expected); one digit is probably mistyped"
    }

    private static func checkCharacter(_ value: Int) -> Character {
        value == 10 ? "X" : Character(String(value))
    }

    // MARK: Splitting a field

    /// The numbers in a field: labels ("ISBN", "ISBN-13:", "eISSN") dropped, split at
    /// commas and semicolons, and at spaces when each piece is a number of its own.
    static func numbers(in field: String, label: String, lengths: Set<Int>) -> [String] {
        var text = field
        // Most fields hold only digits, hyphens and X (a check digit): no label to drop.
        if field.contains(where: { $0.isLetter && $0 != "X" && $0 != "x" }) {
            for pattern in ["e\(label)", "p\(label)", "\(label)-13", "\(label)-10", label] {
                text = text.replacingOccurrences(of: pattern + ":", with: " ", options: .caseInsensitive)
                text = text.replacingOccurrences(of: pattern, with: " ", options: .caseInsensitive)
            }
        }
        return text.split(whereSeparator: { $0 == "," || $0 == ";" }).flatMap { part -> [String] in
            let piece = TextFolding.clean(String(part))
            guard !piece.isEmpty else { return [] }
            if lengths.contains(compact(piece).count) { return [piece] }
            let words = piece.split(separator: " ").map(String.init)
            if words.count > 1, words.allSatisfy({ lengths.contains(compact($0).count) }) { return words }
            return [piece]
        }
    }
}
