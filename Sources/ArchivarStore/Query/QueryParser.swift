/// What a visitor's query means: the tree of what could be understood, and what could not.
struct ParsedQuery: Equatable, Sendable {
    /// What to search for; nil when nothing searchable is left (the message says why).
    let tree: QueryNode?
    /// What was wrong, in the order found.
    let problems: [QueryProblem]

    /// The note for the visitor: every problem's message, or nil when there were none.
    var message: String? {
        problems.isEmpty ? nil : problems.map(\.message).joined(separator: " ")
    }
}

/// Parses the query language of SPEC §8 by recursive descent:
///
///     query   = any { ")" any }            a stray ")" is reported and skipped
///     any     = all { "OR" all }           AND binds tighter than OR
///     all     = { ["AND"] unary }          side by side: every part must match
///     unary   = { "-" | "NOT" } primary
///     primary = word | "phrase" | "(" any [")"] | field ":" unary
///
/// It never fails: each problem is noted (`QueryProblem`) and the parser goes on with
/// what it can understand, so a malformed query still finds something.
struct QueryParser {
    /// The most words, phrases and field values one query may hold; more are ignored.
    static let maximumTerms = 64
    /// The deepest parenthesis nesting honoured; deeper pairs are ignored.
    static let maximumDepth = 16

    private var tokens: [QueryToken]
    private var position = 0
    private var terms = 0
    private var problems: [QueryProblem] = []

    /// Parses `text`.
    static func parse(_ text: String) -> ParsedQuery {
        guard !text.allSatisfy(QueryLexer.isSeparator) else {
            return ParsedQuery(tree: nil, problems: [.empty])
        }
        var parser = QueryParser(tokens: QueryLexer.tokens(text))
        // Text without a letter or digit (`***`, `–`) could match nothing: it leaves the tree.
        var tree = parser.parseQuery()?.mapTexts { $0.isSearchable ? .text($0) : nil }
        if tree?.onlyExcludes == true {
            parser.note(.onlyExclusions)
            tree = nil
        } else if tree == nil {
            parser.note(.nothingSearchable)
        }
        return ParsedQuery(tree: tree, problems: parser.problems)
    }

    private init(tokens: [QueryToken]) {
        var kept: [QueryToken] = []
        // Parentheses nested deeper than the limit are dropped with their partners, which
        // keeps the recursion below shallow whatever is typed.
        var openers: [Bool] = []
        var depth = 0
        var droppedAny = false
        for token in tokens {
            switch token {
            case .open:
                let keep = depth < Self.maximumDepth
                openers.append(keep)
                if keep {
                    depth += 1
                    kept.append(token)
                } else {
                    droppedAny = true
                }
            case .close:
                // A `)` with no `(` is kept for the parser to report.
                let partnerKept = openers.popLast() ?? true
                if partnerKept {
                    depth = max(0, depth - 1)
                    kept.append(token)
                }
            default:
                kept.append(token)
            }
        }
        self.tokens = kept
        if droppedAny { note(.nestedTooDeeply) }
    }

    private var next: QueryToken? { position < tokens.count ? tokens[position] : nil }

    private mutating func note(_ problem: QueryProblem) {
        if !problems.contains(problem) { problems.append(problem) }
    }

    private mutating func parseQuery() -> QueryNode? {
        var parts: [QueryNode] = []
        while true {
            if let part = parseAny() { parts.append(part) }
            guard next == .close else { break }
            note(.strayClosingParenthesis)
            position += 1
        }
        return QueryNode.conjunction(of: parts)
    }

    private mutating func parseAny() -> QueryNode? {
        var branches = [parseAll()]
        while next == .or {
            position += 1
            branches.append(parseAll())
        }
        if branches.count > 1, branches.contains(where: { $0 == nil }) { note(.operatorWithoutOperand("OR")) }
        return QueryNode.disjunction(of: branches.compactMap { $0 })
    }

    private mutating func parseAll() -> QueryNode? {
        var parts: [QueryNode] = []
        while let token = next, token != .or, token != .close {
            if token == .and {
                position += 1
            } else if let part = parseUnary() {
                parts.append(part)
            }
        }
        return QueryNode.conjunction(of: parts)
    }

    /// Always consumes at least one token when one is left (the loops above rely on it).
    private mutating func parseUnary() -> QueryNode? {
        var negations = 0
        var sign = "-"
        while let token = next, token == .minus || token == .not {
            if negations == 0 { sign = token == .not ? "NOT" : "-" }
            negations += 1
            position += 1
        }
        guard let token = next, Self.startsOperand(token) else {
            if negations > 0 { note(.negationWithoutOperand(sign)) }
            return nil
        }
        guard let operand = parsePrimary() else { return nil }
        return negations.isMultiple(of: 2) ? operand : .not(operand)
    }

    private static func startsOperand(_ token: QueryToken) -> Bool {
        switch token {
        case .word, .phrase, .unclosedQuote, .open, .field: true
        case .close, .or, .and, .not, .minus: false
        }
    }

    /// Whether `token` can begin a field's value: an operand, possibly negated (`title:-Bericht`).
    private static func startsValue(_ token: QueryToken) -> Bool {
        startsOperand(token) || token == .minus || token == .not
    }

    /// Called only when `next` starts an operand.
    private mutating func parsePrimary() -> QueryNode? {
        guard let token = next else { return nil }
        position += 1
        switch token {
        case .word(let word):
            let isPrefix = word.hasSuffix("*")
            let text = isPrefix ? String(word.reversed().drop { $0 == "*" }.reversed()) : word
            return term(QueryText(text: text, isPrefix: isPrefix))
        case .phrase(let phrase):
            return term(QueryText(text: phrase, isPhrase: true))
        case .unclosedQuote:
            note(.missingClosingQuote)
            guard let following = next, Self.startsOperand(following) else { return nil }
            return parsePrimary()
        case .open:
            let inner = parseAny()
            if next == .close { position += 1 } else { note(.unclosedParenthesis) }
            return inner
        case .field(let name):
            return parseField(named: name)
        case .close, .or, .and, .not, .minus:
            return nil
        }
    }

    private mutating func term(_ text: QueryText) -> QueryNode? {
        terms += 1
        guard terms <= Self.maximumTerms else {
            note(.tooManyTerms(Self.maximumTerms))
            return nil
        }
        return .text(text)
    }

    /// `name:` has just been read; its value is the operand that follows.
    private mutating func parseField(named name: String) -> QueryNode? {
        guard let field = QueryField(name: name) else {
            if let suggestion = QueryField.suggestion(for: name) {
                // The value is searched as ordinary text, in every field.
                note(.unknownField(name, suggestion: suggestion))
                guard let token = next, Self.startsValue(token) else { return nil }
                return parseUnary()
            }
            // Not meant as a field (`Kita: Qualität`): the name is a word like any other.
            return term(QueryText(text: name))
        }
        guard let token = next, Self.startsValue(token) else {
            note(.missingValue(field))
            return nil
        }
        guard let value = parseUnary() else { return nil }
        return apply(field, to: value)
    }

    /// Scopes the texts of `value` that name no field of their own to `field`.
    private mutating func apply(_ field: QueryField, to value: QueryNode) -> QueryNode? {
        value.mapTexts { text in
            guard text.field == nil else { return .text(text) }
            switch field {
            case .title, .author:
                var scoped = text
                scoped.field = field == .title ? .title : .author
                return .text(scoped)
            case .type, .source, .kind:
                let column = FilterColumn(rawValue: field.rawValue) ?? .type
                return text.isSearchable ? .filter(.equals(column, text.text)) : nil
            case .year:
                guard let years = Self.years(text.text) else {
                    note(.invalidYear(text.text))
                    return nil
                }
                return .filter(years)
            }
        }
    }

    /// `2019`, `2019..2022` (also `2019-2022`, `2019–2022`), `..2010`, `2019..`; a reversed
    /// range is turned round. Nil for anything else.
    static func years(_ text: String) -> QueryFilter? {
        func year(_ part: Substring) -> Int?? {
            if part.isEmpty { return .some(nil) }
            guard part.count <= 4, part.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(part) else { return nil }
            return .some(number)
        }
        let range = text.range(of: "..") ?? text.range(of: "–") ?? text.range(of: "-")
        guard let range else {
            return year(Substring(text)).flatMap { $0 }.map { .years(from: $0, through: $0) }
        }
        guard let from = year(text[..<range.lowerBound]), let through = year(text[range.upperBound...]),
              from != nil || through != nil else { return nil }
        if let low = from, let high = through, low > high { return .years(from: high, through: low) }
        return .years(from: from, through: through)
    }
}
