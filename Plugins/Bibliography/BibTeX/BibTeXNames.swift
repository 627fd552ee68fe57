import ArchivarCore

/// `author` and `editor` values: names joined by `and`, each in one of BibTeX's three
/// forms (`First von Last`, `von Last, First`, `von Last, Jr, First`); a name wholly in
/// braces (`{Institut für Kommunalplanung}`) is an institution. `and others` is no
/// person: it sets `etAl`.
/// Spec: Btxdoc §4 and "Tame the BeaST" §11 (names).
struct BibTeXNames: Equatable {
    var names: [Name]
    /// The list ended in `and others` (more creators than listed).
    var etAl: Bool

    /// Reads a raw field value (braces and LaTeX still in it).
    init(raw: String) {
        names = []
        etAl = false
        for words in Self.split(raw, separator: { $0.lowercased() == "and" }) where !words.isEmpty {
            if words.count == 1, words[0].lowercased() == "others" {
                etAl = true
            } else {
                names.append(Self.name(words))
            }
        }
    }

    /// The field value for `names`: `Family, Given` joined with ` and `, institutions braced.
    static func format(_ names: [Name], etAl: Bool) -> String {
        (names.map(format) + (etAl ? ["others"] : [])).joined(separator: " and ")
    }

    static func format(_ name: Name) -> String {
        if let literal = name.literal { return "{\(LaTeXText.encode(literal))}" }
        let von = [name.droppingParticle, name.nonDroppingParticle].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        var family = protected(name.family ?? "")
        // A family name starting in lowercase without a particle would read as `von`.
        if von.isEmpty, let first = name.family?.first, first.isLowercase { family = "{\(family)}" }
        let head = von.isEmpty ? family : "\(LaTeXText.encode(von)) \(family)"
        return ([head] + [name.suffix, name.given].compactMap { $0 }.filter { !$0.isEmpty }.map(protected))
            .joined(separator: ", ")
    }

    /// A name part, braced when it holds a comma or the word `and`, which would split it.
    private static func protected(_ part: String) -> String {
        let encoded = LaTeXText.encode(part)
        let words = part.split(separator: " ").map { $0.lowercased() }
        return part.contains(",") || words.contains("and") || words.contains("others") ? "{\(encoded)}" : encoded
    }

    // MARK: Reading

    /// One name from its words (commas are their own words).
    private static func name(_ words: [String]) -> Name {
        let parts = split(words.joined(separator: " "), separator: { $0 == "," })
        if parts.count == 1, words.count == 1, isWhollyBraced(words[0]) {
            return Name(literal: LaTeXText.decode(words[0]))
        }
        let first: [String], von: [String], last: [String], junior: [String]
        switch parts.count {
        case 1:
            let all = parts[0]
            // `First von Last`: von runs from the first to the last lowercase word before the final word.
            if let start = all.dropLast().firstIndex(where: isLowercase) {
                let end = all.dropLast().lastIndex(where: isLowercase)!
                (first, von, last) = (Array(all[..<start]), Array(all[start...end]), Array(all[(end + 1)...]))
            } else {
                (first, von, last) = (Array(all.dropLast()), [], Array(all.suffix(1)))
            }
            junior = []
        default:
            let head = parts[0]
            let vonCount = head.dropLast().prefix(while: isLowercase).count
            (von, last) = (Array(head.prefix(vonCount)), Array(head.dropFirst(vonCount)))
            (junior, first) = parts.count == 2 ? ([], parts[1]) : (parts[1], Array(parts[2...].joined()))
        }
        func text(_ words: [String]) -> String? {
            let value = LaTeXText.decode(words.joined(separator: " "))
            return value.isEmpty ? nil : value
        }
        return Name(family: text(last), given: text(first), nonDroppingParticle: text(von), suffix: text(junior))
    }

    /// Splits at brace depth 0 into words (white space, or `~` not after `\`), then into
    /// groups at words the separator accepts. Commas become words of their own.
    private static func split(_ raw: String, separator: (String) -> Bool) -> [[String]] {
        var groups: [[String]] = [[]]
        var word = ""
        var depth = 0
        var previous: Character?
        func endWord() {
            if separator(word) { groups.append([]) } else if !word.isEmpty { groups[groups.count - 1].append(word) }
            word = ""
        }
        for character in raw {
            defer { previous = character }
            if depth == 0, character.isWhitespace || (character == "~" && previous != "\\") {
                endWord()
                continue
            }
            if depth == 0, character == "," {
                endWord()
                word = ","
                endWord()
                continue
            }
            if character == "{" { depth += 1 } else if character == "}" { depth = max(0, depth - 1) }
            word.append(character)
        }
        endWord()
        return groups
    }

    /// `von` words: the first letter at brace depth 0 (or of a `{\"u}`-style special
    /// character) is lowercase. Words in plain braces count as uppercase.
    private static func isLowercase(_ word: String) -> Bool {
        var depth = 0
        var index = word.startIndex
        while index < word.endIndex {
            let character = word[index]
            if character == "{" {
                let after = word.index(after: index)
                if depth == 0, after < word.endIndex, word[after] == "\\" {
                    return LaTeXText.decode(String(word[index...])).first?.isLowercase ?? false
                }
                depth += 1
            } else if character == "}" {
                depth -= 1
            } else if depth == 0, character == "\\" {
                return LaTeXText.decode(String(word[index...])).first?.isLowercase ?? false
            } else if depth == 0, character.isLetter {
                return character.isLowercase
            }
            index = word.index(after: index)
        }
        return false
    }

    private static func isWhollyBraced(_ word: String) -> Bool {
        guard word.first == "{", word.last == "}" else { return false }
        var depth = 0
        for (offset, character) in word.enumerated() {
            if character == "{" { depth += 1 } else if character == "}" { depth -= 1 }
            if depth == 0 { return offset == word.count - 1 }
        }
        return false
    }
}
