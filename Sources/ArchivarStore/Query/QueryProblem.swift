/// Something in a query that could not be understood as written; the search still runs
/// on what could be, and the visitor reads `message` (German, as the catalog's UI).
enum QueryProblem: Equatable, Sendable {
    case empty
    case nothingSearchable
    case onlyExclusions
    case missingClosingQuote
    case unclosedParenthesis
    case strayClosingParenthesis
    case nestedTooDeeply
    case tooManyTerms(Int)
    /// An operator (`OR`) with nothing on one side.
    case operatorWithoutOperand(String)
    /// `-` or `NOT` with nothing after it.
    case negationWithoutOperand(String)
    /// A field name that is not one, but close to `suggestion`; the value is searched as text.
    case unknownField(String, suggestion: QueryField)
    case missingValue(QueryField)
    case invalidYear(String)

    var message: String {
        switch self {
        case .empty:
            "Bitte geben Sie einen Suchbegriff ein."
        case .nothingSearchable:
            "Die Suche enthält kein Wort, nach dem gesucht werden kann."
        case .onlyExclusions:
            "Die Suche schließt nur aus (‚-Wort‘); bitte geben Sie auch einen Begriff an, der vorkommen soll."
        case .missingClosingQuote:
            "Das schließende Anführungszeichen fehlt; gesucht wurde nach den einzelnen Wörtern."
        case .unclosedParenthesis:
            "Klammer nicht geschlossen: zu ‚(‘ fehlt ‚)‘; gesucht wurde, als stünde sie am Ende."
        case .strayClosingParenthesis:
            "Zu ‚)‘ fehlt die öffnende Klammer; sie wurde übergangen."
        case .nestedTooDeeply:
            "Die Klammern sind zu tief verschachtelt; die inneren wurden übergangen."
        case .tooManyTerms(let limit):
            "Die Suche ist zu lang; berücksichtigt wurden die ersten \(limit) Begriffe."
        case .operatorWithoutOperand(let name):
            "‚\(name)‘ braucht links und rechts einen Suchbegriff und wurde übergangen."
        case .negationWithoutOperand(let name):
            "Nach ‚\(name)‘ fehlt der Begriff, der ausgeschlossen werden soll."
        case .unknownField(let name, let suggestion):
            "Unbekanntes Feld ‚\(name):‘ — meinten Sie ‚\(suggestion.rawValue):‘?"
        case .missingValue(let field):
            "Nach ‚\(field.rawValue):‘ fehlt ein Suchbegriff, z. B. \(field.example)."
        case .invalidYear(let value):
            "‚\(value)‘ ist keine Jahreszahl; möglich sind z. B. year:2019, year:2019..2022, year:..2010 oder year:2019.."
        }
    }
}
