/// The field names a query understands before a colon (`title:`, `year:` …), and what
/// to suggest for a name that is almost one of them.
enum QueryField: String, CaseIterable, Sendable {
    case title
    case author
    case type
    case source
    case kind
    case year

    /// The field called `name` (any case), or nil.
    init?(name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// An example of the field in use, for messages.
    var example: String {
        switch self {
        case .title: "title:Planung"
        case .author: "author:Fischer"
        case .type: "type:book"
        case .source: "source:inso"
        case .kind: "kind:publication"
        case .year: "year:2019"
        }
    }

    /// German names and common English ones a visitor may try, for the suggestion.
    private static let aliases: [String: QueryField] = [
        "titel": .title, "autor": .author, "autorin": .author, "person": .author, "creator": .author,
        "creators": .author, "editor": .author, "herausgeber": .author, "typ": .type, "quelle": .source,
        "art": .kind, "jahr": .year, "date": .year, "datum": .year,
    ]

    /// The field a visitor most likely meant by `name`: a German or English alias, or a
    /// field one typo away (a letter wrong, missing, extra or two swapped). Nil when
    /// nothing is close, so ordinary text with a colon (`Kita: Qualität`) stays text.
    static func suggestion(for name: String) -> QueryField? {
        let lowered = name.lowercased()
        if let alias = aliases[lowered] { return alias }
        guard lowered.count >= 3 else { return nil }
        return allCases.first { Self.isOneEditApart(Array(lowered), Array($0.rawValue)) }
    }

    /// Optimal string alignment distance ≤ 1.
    private static func isOneEditApart(_ a: [Character], _ b: [Character]) -> Bool {
        guard abs(a.count - b.count) <= 1, a != b else { return false }
        var first = 0
        while first < min(a.count, b.count), a[first] == b[first] { first += 1 }
        if a.count == b.count {
            let swapped = first + 1 < a.count && a[first] == b[first + 1] && a[first + 1] == b[first]
                && a[(first + 2)...] == b[(first + 2)...]
            return swapped || a[(first + 1)...] == b[(first + 1)...]
        }
        let (longer, shorter) = a.count > b.count ? (a, b) : (b, a)
        return longer[(first + 1)...] == shorter[first...]
    }
}
