/// A search as a tree (SPEC §8): built by `QueryParser` from what a visitor typed,
/// turned into SQL by `QueryCompiler`. User text reaches SQL only this way.
indirect enum QueryNode: Equatable, Sendable {
    /// A word, a phrase or a prefix to find in the full-text index.
    case text(QueryText)
    /// A condition on a catalog column (`type:`, `source:`, `kind:`, `year:`).
    case filter(QueryFilter)
    /// Every part must match (words side by side).
    case all([QueryNode])
    /// At least one part must match (`OR`).
    case any([QueryNode])
    /// What matches is left out (`-word`, `NOT word`).
    case not(QueryNode)

    /// `parts` joined by AND; nil when there are none, the part itself when only one.
    static func conjunction(of parts: [QueryNode]) -> QueryNode? {
        parts.count > 1 ? QueryNode.all(parts) : parts.first
    }

    /// `parts` joined by OR; nil when there are none, the part itself when only one.
    static func disjunction(of parts: [QueryNode]) -> QueryNode? {
        parts.count > 1 ? QueryNode.any(parts) : parts.first
    }

    /// The tree with every text node replaced by what `transform` makes of it; parts
    /// it drops (nil) leave the tree, and a group left empty goes with them.
    func mapTexts(_ transform: (QueryText) -> QueryNode?) -> QueryNode? {
        switch self {
        case .text(let text): transform(text)
        case .filter: self
        case .all(let parts): Self.conjunction(of: parts.compactMap { $0.mapTexts(transform) })
        case .any(let parts): Self.disjunction(of: parts.compactMap { $0.mapTexts(transform) })
        case .not(let part): part.mapTexts(transform).map(QueryNode.not)
        }
    }

    /// Whether any text of the tree, wanted or excluded, is a prefix (`Plan*`).
    var hasPrefix: Bool {
        switch self {
        case .text(let text): text.isPrefix
        case .filter: false
        case .all(let parts), .any(let parts): parts.contains(where: \.hasPrefix)
        case .not(let part): part.hasPrefix
        }
    }

    /// Whether the query puts no bound on what is found: it only excludes (`-Bericht`),
    /// or one branch of an OR does (`Planung OR -Bericht` matches nearly everything).
    var onlyExcludes: Bool {
        switch self {
        case .text, .filter: false
        case .not: true
        case .all(let parts): parts.allSatisfy(\.onlyExcludes)
        case .any(let parts): parts.contains(where: \.onlyExcludes)
        }
    }
}

/// Text to find, as the visitor wrote it between separators or quotes.
struct QueryText: Equatable, Sendable {
    var text: String
    /// Written in quotes: the words must stand together, in this order.
    var isPhrase = false
    /// Written with a trailing `*`: the (last) word may go on (`Plan*` finds `Planung`).
    var isPrefix = false
    /// The one full-text column to look in; nil for all of them.
    var field: TextField?
    /// For a prefix: the index terms it covers, written in its place (`PrefixExpansion`);
    /// nil while it is written as a prefix.
    var indexTerms: [String]?

    /// Whether there is anything the index could hold: at least one letter or digit.
    var isSearchable: Bool { text.contains { $0.isLetter || $0.isNumber } }
}

/// The full-text columns a query may name (`title:`, `author:`).
enum TextField: String, Sendable {
    case title
    case author

    /// The column of `records_fts` searched.
    var column: String {
        switch self {
        case .title: "title"
        case .author: "creators"
        }
    }
}

/// A condition on a column of `records`, not on its text.
enum QueryFilter: Equatable, Sendable {
    /// The column holds `value` (case-insensitive): `type:book`, `source:inso`, `kind:press`.
    case equals(FilterColumn, String)
    /// The year lies in the range; a missing bound is open (`year:..2010`, `year:2019..`).
    case years(from: Int?, through: Int?)
}

/// The columns of `records` a filter may test.
enum FilterColumn: String, Sendable {
    case type
    case source
    case kind
}
