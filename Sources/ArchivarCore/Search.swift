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

/// A matched word in `SearchHit.snippet`: `start` and `length` count UTF-16 code
/// units, as JavaScript strings do (`snippet.substr(start, length)` in a browser).
public struct SnippetHighlight: Sendable, Equatable, Codable {
    public var start: Int
    public var length: Int

    public init(start: Int, length: Int) {
        self.start = start
        self.length = length
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
    /// The best passage of the record as plain text ("…" where it was cut); empty when
    /// the query had no words (filters only).
    public var snippet: String
    /// Where the matched words are in `snippet`, in order, not overlapping.
    public var highlights: [SnippetHighlight]
    public var score: Double

    public init(id: String, title: String, kind: String, type: String, year: Int?, creators: [String],
                source: String?, snippet: String, highlights: [SnippetHighlight], score: Double) {
        self.id = id
        self.title = title
        self.kind = kind
        self.type = type
        self.year = year
        self.creators = creators
        self.source = source
        self.snippet = snippet
        self.highlights = highlights
        self.score = score
    }

    /// The snippet cut at the highlights, for renderers (`<mark>` in HTML): the parts
    /// in order, each flagged whether it is a matched word.
    public var snippetParts: [(text: Substring, isHighlighted: Bool)] {
        var parts: [(text: Substring, isHighlighted: Bool)] = []
        let utf16 = snippet.utf16
        var position = utf16.startIndex
        for highlight in highlights {
            guard highlight.start >= 0, highlight.length > 0,
                  highlight.start + highlight.length <= utf16.count else { continue }
            let start = utf16.index(utf16.startIndex, offsetBy: highlight.start)
            let end = utf16.index(start, offsetBy: highlight.length)
            guard start >= position else { continue }
            if start > position { parts.append((snippet[position..<start], false)) }
            parts.append((snippet[start..<end], true))
            position = end
        }
        if position < utf16.endIndex { parts.append((snippet[position...], false)) }
        return parts
    }
}

/// The fields search results are counted by (SPEC §8), in the order they are shown.
public enum SearchFacetField: String, Sendable, Equatable, Codable, CaseIterable {
    case type, year, author, source, kind
}

/// One value of a facet over the whole matching set (not just the page shown).
public struct SearchFacetValue: Sendable, Equatable, Codable {
    /// The stored value: a CSL type, a year, a person key, a source id, a kind.
    public var value: String
    /// What a visitor reads: the German type or kind name, the year, the author's name
    /// as most records spell it, the source id.
    public var label: String
    /// How many matching records have this value.
    public var count: Int
    /// The query clause that narrows to this value, e.g. `type:book` or `author:"Jörg Fischer"`.
    public var filter: String
    /// The whole query with `filter` added: what a link on this value searches for.
    public var query: String
    /// Whether the query already narrows to this value (the clause is in it).
    public var selected: Bool

    public init(value: String, label: String, count: Int, filter: String, query: String, selected: Bool) {
        self.value = value
        self.label = label
        self.count = count
        self.filter = filter
        self.query = query
        self.selected = selected
    }
}

/// The counts of one field over the matching records, most frequent first (years
/// newest first).
public struct SearchFacet: Sendable, Equatable, Codable {
    public var field: SearchFacetField
    public var values: [SearchFacetValue]

    public init(field: SearchFacetField, values: [SearchFacetValue]) {
        self.field = field
        self.values = values
    }
}

/// The answer to a search. `archivar search --json` and `/api/search` print this.
public struct SearchResults: Sendable, Equatable, Codable {
    public var query: String
    /// How many records match in all; `hits` is the page from `offset`, at most `limit` long.
    public var total: Int
    public var offset: Int
    public var limit: Int
    public var hits: [SearchHit]
    /// Counts by type, year, author, source and kind over all `total` matches; empty
    /// when nothing matches.
    public var facets: [SearchFacet]
    /// „Meinten Sie …?“: a query with misspelt words replaced by words of the catalog,
    /// set when the query found nothing or little and the suggestion finds more.
    public var suggestion: String?
    /// A note for the visitor (German): why nothing was searched (empty query, only
    /// exclusions), or what part of the query could not be understood, the rest being searched.
    public var message: String?

    public init(query: String, total: Int, offset: Int, limit: Int, hits: [SearchHit],
                facets: [SearchFacet] = [], suggestion: String? = nil, message: String? = nil) {
        self.query = query
        self.total = total
        self.offset = offset
        self.limit = limit
        self.hits = hits
        self.facets = facets
        self.suggestion = suggestion
        self.message = message
    }
}
