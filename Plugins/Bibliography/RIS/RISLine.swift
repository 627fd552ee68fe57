/// One tagged RIS line, `TY  - JOUR`: a two-character tag, spaces, a dash, the value.
///
/// Zotero writes `TAG  - value`; EndNote, Citavi and older tools also write one space
/// before the dash, none after it on empty values (`ER  -`), or trailing blanks.
/// Spec: RIS format specification (Research Information Systems, 2012), "Tags".
struct RISLine: Equatable {
    let tag: String
    let value: String

    /// Parses a tagged line; nil for anything else (text that may continue the line before).
    init?(_ line: Substring) {
        let characters = Array(line)
        guard characters.count >= 3,
              characters[0].isASCII, characters[0].isUppercase,
              characters[1].isASCII, characters[1].isUppercase || characters[1].isNumber
        else { return nil }
        var index = 2
        while index < characters.count, characters[index] == " " { index += 1 }
        // At least one space before the dash, so "EU-Mittel …" in a wrapped abstract is not a tag.
        guard index > 2, index < characters.count, characters[index] == "-" else { return nil }
        index += 1
        guard index == characters.count || characters[index] == " " else { return nil }
        tag = String(characters[0..<2])
        value = String(characters[index...]).trimmingCharacters(in: .whitespaces)
    }
}
