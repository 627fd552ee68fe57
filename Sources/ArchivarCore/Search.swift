/// A search request (SPEC §8). `text` is user input; the store parses it, never
/// passing it to SQL raw.
public struct SearchQuery: Sendable, Equatable {
    public var text: String
    public var limit: Int
    public var offset: Int

    public init(text: String, limit: Int = 20, offset: Int = 0) {
        self.text = text
        self.limit = max(1, min(limit, 200))
        self.offset = max(0, offset)
    }
}

/// One hit: enough to show a result line without loading the record.
public struct SearchHit: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var kind: String
    public var type: String
    public var year: Int?
    public var creators: [String]
    public var source: String?
    /// A short passage with the matched words between `[` `]`-like markers: see `SnippetMarker`.
    public var snippet: String
    public var score: Double

    public init(id: String, title: String, kind: String, type: String, year: Int?, creators: [String],
                source: String?, snippet: String, score: Double) {
        self.id = id
        self.title = title
        self.kind = kind
        self.type = type
        self.year = year
        self.creators = creators
        self.source = source
        self.snippet = snippet
        self.score = score
    }
}

/// The markers around matched words in `SearchHit.snippet` (control characters, so
/// they never occur in stored text); HTML turns them into `<mark>`.
public enum SnippetMarker {
    public static let open = "\u{2}"
    public static let close = "\u{3}"

    /// The snippet as plain text, markers removed.
    public static func plain(_ snippet: String) -> String {
        snippet.replacingOccurrences(of: open, with: "").replacingOccurrences(of: close, with: "")
    }
}

/// The answer to a search.
public struct SearchResults: Sendable, Equatable, Codable {
    public var query: String
    public var total: Int
    public var offset: Int
    public var hits: [SearchHit]
    /// A note for the visitor (German): why nothing was searched (empty query, only
    /// exclusions), or what part of the query could not be understood, the rest being searched.
    public var message: String?

    public init(query: String, total: Int, offset: Int, hits: [SearchHit], message: String? = nil) {
        self.query = query
        self.total = total
        self.offset = offset
        self.hits = hits
        self.message = message
    }
}
