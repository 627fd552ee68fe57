import ArchivarCore

/// The parameters of `/search` and `/api/search`: `q`, `page` (from 1) and, for the
/// API only, `limit`. Numbers that do not parse fall back to the defaults; nothing
/// here can trap on what a visitor types.
struct SearchParameters: Equatable {
    /// Results per HTML page.
    static let pageSize = 20
    /// The highest page number honoured: keeps `offset` far from overflowing.
    private static let maximumPage = 100_000

    let text: String
    let page: Int
    let limit: Int

    init(request: HTTPRequest, allowsLimit: Bool) {
        text = request.queryValue("q") ?? ""
        page = min(max(1, request.queryValue("page").flatMap { Int($0) } ?? 1), Self.maximumPage)
        // SearchQuery clamps the same way; done here too so that `offset` below is exact.
        let requested = allowsLimit ? request.queryValue("limit").flatMap { Int($0) } : nil
        limit = min(max(1, requested ?? Self.pageSize), 200)
    }

    /// Whether there is nothing to search for.
    var isEmpty: Bool { text.allSatisfy(\.isWhitespace) }

    /// The catalog query for this page.
    var query: SearchQuery { SearchQuery(text: text, limit: limit, offset: (page - 1) * limit) }

    /// How many pages `total` hits fill.
    func pageCount(total: Int) -> Int { (total + limit - 1) / limit }
}
