/// One piece of a query as the visitor typed it.
enum QueryToken: Equatable, Sendable {
    /// A run of characters up to white space, a quote or a parenthesis (may end in `*`).
    case word(String)
    /// The text between two quotes.
    case phrase(String)
    /// A quote with no partner: what follows is read as ordinary words.
    case unclosedQuote
    case open
    case close
    /// `OR`, upper case only (`or` is a word).
    case or
    /// `AND`, upper case only: changes nothing, words must all match anyway.
    case and
    /// `NOT`, upper case only: the same as `-`.
    case not
    /// `-` directly before a word, phrase, field or parenthesis.
    case minus
    /// `name:` — letters then a colon; the value follows as the next token(s).
    case field(String)
}

/// Splits a query into tokens. Never fails: every input is some list of tokens.
/// Control characters (NUL included) separate like white space, so none reaches SQL.
enum QueryLexer {
    /// Straight and typographic double quotes (German „…“, English “…”): any one closes any other.
    private static let quotes: Set<Character> = ["\"", "„", "“", "”"]

    static func tokens(_ text: String) -> [QueryToken] {
        let characters = Array(text)
        var tokens: [QueryToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if isSeparator(character) {
                index += 1
            } else if character == "(" {
                tokens.append(.open)
                index += 1
            } else if character == ")" {
                tokens.append(.close)
                index += 1
            } else if quotes.contains(character) {
                if let closing = characters[(index + 1)...].firstIndex(where: quotes.contains) {
                    let inside = characters[(index + 1)..<closing].map { isSeparator($0) ? " " : $0 }
                    tokens.append(.phrase(String(inside)))
                    index = closing + 1
                } else {
                    tokens.append(.unclosedQuote)
                    index += 1
                }
            } else if character == "-" {
                // A run of dashes counts once; a dash before nothing (or before `)`) is punctuation.
                while index < characters.count, characters[index] == "-" { index += 1 }
                if index < characters.count, !isSeparator(characters[index]), characters[index] != ")" {
                    tokens.append(.minus)
                }
            } else {
                var end = index
                while end < characters.count, !endsWord(characters[end]) { end += 1 }
                if let colon = characters[index..<end].firstIndex(of: ":"), colon > index,
                   characters[index..<colon].allSatisfy(\.isLetter) {
                    // The value after the colon is read as tokens of its own: `title:"…"`, `year:..2010`.
                    tokens.append(.field(String(characters[index..<colon])))
                    index = colon + 1
                    continue
                }
                let word = String(characters[index..<end])
                switch word {
                case "OR": tokens.append(.or)
                case "AND": tokens.append(.and)
                case "NOT": tokens.append(.not)
                default: tokens.append(.word(word))
                }
                index = end
            }
        }
        return tokens
    }

    private static func endsWord(_ character: Character) -> Bool {
        isSeparator(character) || character == "(" || character == ")" || quotes.contains(character)
    }

    /// White space and control characters (Unicode category Cc).
    static func isSeparator(_ character: Character) -> Bool {
        character.isWhitespace || character.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
