import ArchivarCore
import Foundation

/// What a search asks for, from `/search`, `/api/search` or `archivar search`: the query
/// text, the page (from 1) and the page size. Every front end builds its catalog query
/// here, so the same words give the same results (and the same JSON) everywhere.
///
/// The filters of SPEC §7 (`type=`, `year=`, `author=`, `source=`, `kind=`) become
/// clauses of the query (`type:book`), so facet links and the search box only ever deal
/// with the query text.
public struct SearchParameters: Equatable, Sendable {
    /// Results per page unless a `limit` is given (always on the HTML page).
    public static let pageSize = 20
    /// The largest page size.
    public static let maximumLimit = 200
    /// The highest page number: keeps `offset` far from overflowing.
    public static let maximumPage = 100_000
    /// The longest query searched, in characters: a longer one is not a visitor's search.
    public static let maximumQueryLength = 500

    /// The query, filters included.
    public let text: String
    /// The page of results, from 1.
    public let page: Int
    /// Results per page.
    public let limit: Int
    /// Whether `text` was cut to `maximumQueryLength` (the HTML page says so).
    public let wasShortened: Bool

    /// Checks what was given: a number out of range or a query that is too long is a
    /// `SearchParameterError`. `page` and `limit` are the raw option values.
    public init(text: String, page: String?, limit: String?) throws(SearchParameterError) {
        guard text.count <= Self.maximumQueryLength else { throw .queryTooLong }
        guard let pageNumber = Self.number(page, default: 1, maximum: Self.maximumPage) else { throw .page }
        guard let pageSize = Self.number(limit, default: Self.pageSize, maximum: Self.maximumLimit) else { throw .limit }
        self.text = text
        self.page = pageNumber
        self.limit = pageSize
        wasShortened = false
    }

    /// The parameters of an API request, checked as `init(text:page:limit:)` does.
    init(validating request: HTTPRequest) throws(SearchParameterError) {
        try self.init(text: Self.queryText(of: request), page: request.queryValue("page"), limit: request.queryValue("limit"))
    }

    /// The parameters of the HTML page, which never refuses: a page number that does
    /// not parse is page 1, one out of range the nearest allowed, a query too long is cut.
    init(forgiving request: HTTPRequest) {
        let text = Self.queryText(of: request)
        self.text = String(text.prefix(Self.maximumQueryLength))
        wasShortened = self.text.count < text.count
        let requested = request.queryValue("page").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 1
        page = min(max(1, requested), Self.maximumPage)
        limit = Self.pageSize
    }

    /// Whether there is nothing to search for.
    public var isEmpty: Bool { text.allSatisfy(\.isWhitespace) }

    /// The catalog query for this page.
    public var query: SearchQuery { SearchQuery(text: text, limit: limit, offset: (page - 1) * limit) }

    /// How many pages `total` hits fill.
    func pageCount(total: Int) -> Int { (total + limit - 1) / limit }

    /// The catalog's answer; an empty query is answered with `emptyMessage`, without searching.
    public func results(from catalog: any CatalogReader, emptyMessage: String) throws -> SearchResults {
        if isEmpty {
            return SearchResults(query: text, total: 0, offset: query.offset, limit: limit, hits: [], message: emptyMessage)
        }
        return try catalog.search(query)
    }

    /// `q` with the SPEC §7 filter parameters added as clauses, in a fixed order.
    private static func queryText(of request: HTTPRequest) -> String {
        let clauses = SearchFacetField.allCases.compactMap { field in
            request.queryValue(field.rawValue).flatMap { clause(field.rawValue, $0) }
        }
        return ([request.queryValue("q") ?? ""] + clauses).filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `name:value`, the value quoted when it has more than letters, digits, `-` and `.`
    /// (`author:"Fischer, Jörg"`); quotes inside it are dropped, so it stays one clause.
    private static func clause(_ name: String, _ value: String) -> String? {
        let cleaned = value.filter { $0 != "\"" }.trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty else { return nil }
        let plain = cleaned.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }
        return name + ":" + (plain ? cleaned : "\"" + cleaned + "\"")
    }

    /// The whole number in `text` within 1…`maximum`; `fallback` when there is no text,
    /// nil when it is not such a number.
    private static func number(_ text: String?, default fallback: Int, maximum: Int) -> Int? {
        guard let text else { return fallback }
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)), (1...maximum).contains(number) else { return nil }
        return number
    }
}

/// A search parameter that cannot be used: a 400 from the API, a usage error from the CLI.
public enum SearchParameterError: Error, Equatable, Sendable {
    /// `page` is not a whole number from 1 to `SearchParameters.maximumPage`.
    case page
    /// `limit` is not a whole number from 1 to `SearchParameters.maximumLimit`.
    case limit
    /// The query is longer than `SearchParameters.maximumQueryLength` characters.
    case queryTooLong

    /// The parameter's name (`q` for the query).
    public var parameter: String {
        switch self {
        case .page: "page"
        case .limit: "limit"
        case .queryTooLong: "q"
        }
    }
}
