import ArchivarCore
import ArchivarHTML

/// The HTML page of `/search` (SPEC §7, §8): the form with the query kept, notes (what
/// could not be understood, „Meinten Sie …?“), the active filters with links that remove
/// them, the hits with highlighted snippets and page links, and the facets as links
/// that add a filter to the query. Plain links and a GET form: no JavaScript.
///
/// Headings: h1 the page, h2 the results and the facets, h3 each hit and each facet.
struct SearchPage: Sendable {
    let layout: PageLayout
    /// `/search` sits at the root, so links are relative to `./`.
    private let root = "./"
    /// Facet values shown at once; the rest wait in a `<details>`.
    private static let visibleFacetValues = 8
    private var strings: UIStrings { layout.strings }

    /// The page for `request`; parameters never make it fail (see `SearchParameters(forgiving:)`).
    func response(to request: HTTPRequest, catalog: any CatalogReader) throws -> HTTPResponse {
        let parameters = SearchParameters(forgiving: request)
        let results: SearchResults
        do {
            results = try parameters.results(from: catalog, emptyMessage: strings["search.empty"])
        } catch {
            throw HTTPError(.internalServerError, "search failed", underlying: error)
        }
        return .html(.ok, render(parameters, results: results))
    }

    func render(_ parameters: SearchParameters, results: SearchResults) -> String {
        let pageCount = parameters.pageCount(total: results.total)
        var body: [HTMLNode] = [.element("h1", text: strings["search"])]
        body += layout.searchPanel(root: root, query: parameters.text, fieldID: "search-q")
        body.append(notes(parameters, results: results))
        body.append(activeFilters(results))
        if results.total > 0 {
            body.append(.element("div", [("class", "search-layout")], [
                resultsSection(parameters, results: results, pageCount: pageCount),
                facetsSection(results),
            ]))
        }
        var title = parameters.isEmpty ? strings["search"] : "\(parameters.text) – \(strings["search"])"
        if parameters.page > 1 { title += " – \(strings["list.page"]) \(parameters.page)" }
        return layout.page(title: title, root: root, current: "search",
                           head: [.element("meta", [("name", "robots"), ("content", "noindex")])],
                           query: parameters.text, body: body)
    }

    // MARK: Notes

    /// What the visitor should know before the results: a cut query, what the query
    /// language could not read (or why nothing was searched), nothing found, a suggestion.
    private func notes(_ parameters: SearchParameters, results: SearchResults) -> HTMLNode {
        var notes: [HTMLNode] = []
        if parameters.wasShortened {
            notes.append(.element("p", [("class", "search-message")],
                                  text: strings.format("search.shortened", ["max": String(SearchParameters.maximumQueryLength)])))
        }
        if let message = results.message {
            notes.append(.element("p", [("class", "search-message")], text: message))
        } else if results.total == 0 {
            notes.append(.element("p", [("class", "search-message")], text: strings["search.none"]))
        }
        if let suggestion = results.suggestion {
            notes.append(.element("p", [("class", "suggestion")], [
                .text(strings["search.suggestion"] + ": "),
                .link(href(query: suggestion), suggestion),
                .text("?"),
            ]))
        }
        guard !notes.isEmpty else { return .empty }
        return .element("div", [("class", "search-notes"), ("role", "status")], notes)
    }

    /// The filters the query narrows to, each a link that searches without it (the
    /// store gives a selected value's `query` without its clause; a filter written some
    /// other way than a facet link writes it cannot be taken out and is only named).
    private func activeFilters(_ results: SearchResults) -> HTMLNode {
        let selected = results.facets.flatMap { facet in facet.values.filter(\.selected).map { (facet.field, $0) } }
        guard !selected.isEmpty else { return .empty }
        let items: [HTMLNode] = selected.map { field, value in
            let name = "\(strings.facetName(field)): \(strings.facetLabel(value, of: field))"
            guard value.query != results.query else { return .element("li", text: name) }
            return .element("li", [], [
                .element("a", [("href", href(query: value.query))], [
                    .text(name + " "),
                    .element("span", [("class", "visually-hidden")], text: "– " + strings["search.remove"]),
                    .element("span", [("aria-hidden", "true")], text: "×"),
                ]),
            ])
        }
        return .element("div", [("class", "active-filters")], [
            .element("p", [("id", "active-filters-heading")], text: strings["search.active"] + ":"),
            .element("ul", [("aria-labelledby", "active-filters-heading")], items),
        ])
    }

    // MARK: Results

    private func resultsSection(_ parameters: SearchParameters, results: SearchResults, pageCount: Int) -> HTMLNode {
        return .element("section", [("class", "search-results"), ("aria-labelledby", "results-heading")], [
            .element("h2", [("id", "results-heading")], text: strings.searchHeading(results)),
            .element("ol", [("class", "results"), ("start", String(results.offset + 1))], results.hits.map(hitItem)),
            pagination(parameters, pageCount: pageCount),
        ])
    }

    private func hitItem(_ hit: SearchHit) -> HTMLNode {
        let kind = hit.kind == RecordKind.publication ? "" : strings.kindName(hit.kind)
        let meta = [kind, strings.typeName(hit.type), hit.year.map(String.init) ?? "", hit.creators.joined(separator: ", ")]
            .filter { !$0.isEmpty }
        let snippet: [HTMLNode] = hit.snippetParts.map { part in
            part.isHighlighted ? .element("mark", text: String(part.text)) : .text(String(part.text))
        }
        return .element("li", [], [
            .element("article", [], [
                .element("h3", [], [.link(root + "records/" + PercentEncoding.encode(hit.id) + "/", hit.title)]),
                .element("p", [("class", "meta")], text: meta.joined(separator: " · ")),
                snippet.isEmpty ? .empty : .element("p", [("class", "snippet")], snippet),
            ]),
        ])
    }

    /// Previous/next links and a window of page numbers around the current one, with
    /// the first and last always reachable.
    private func pagination(_ parameters: SearchParameters, pageCount: Int) -> HTMLNode {
        guard pageCount > 1 else { return .empty }
        let current = parameters.page
        var items: [HTMLNode] = []
        if current > 1 {
            let previousPage = min(current - 1, pageCount)
            items.append(.element("li", [], [.link(href(query: parameters.text, page: previousPage), strings["search.previous"], [("rel", "prev")])]))
        }
        // `current` may lie past the last page (a hand-edited link): the window then ends there.
        let low = min(max(1, current - 2), pageCount)
        let high = max(min(pageCount, current + 2), low)
        let window = Set([1, pageCount] + Array(low...high)).sorted()
        var previous = 0
        for page in window {
            if page > previous + 1 { items.append(.element("li", [("aria-hidden", "true")], text: "…")) }
            let attributes = [("aria-label", "\(strings["list.page"]) \(page)")] + (page == current ? [("aria-current", "page")] : [])
            items.append(.element("li", [], [.link(href(query: parameters.text, page: page), String(page), attributes)]))
            previous = page
        }
        if current < pageCount {
            items.append(.element("li", [], [.link(href(query: parameters.text, page: current + 1), strings["search.next"], [("rel", "next")])]))
        }
        return .element("nav", [("class", "pagination"), ("aria-label", strings["list.pages"])], [.element("ul", [], items)])
    }

    // MARK: Facets

    private func facetsSection(_ results: SearchResults) -> HTMLNode {
        let facets = results.facets.filter { !$0.values.isEmpty }
        guard !facets.isEmpty else { return .empty }
        return .element("section", [("class", "facets"), ("aria-labelledby", "facets-heading")], [
            .element("h2", [("id", "facets-heading")], text: strings["search.facets"]),
        ] + facets.map { facetGroup($0, query: results.query) })
    }

    /// One facet: its first values as links, the rest folded away.
    private func facetGroup(_ facet: SearchFacet, query: String) -> HTMLNode {
        let headingID = "facet-" + facet.field.rawValue
        let items = facet.values.map { facetItem($0, of: facet.field, query: query) }
        var nodes: [HTMLNode] = [
            .element("h3", [("id", headingID)], text: strings.facetName(facet.field)),
            .element("ul", [("aria-labelledby", headingID)], Array(items.prefix(Self.visibleFacetValues))),
        ]
        if items.count > Self.visibleFacetValues {
            nodes.append(.element("details", [], [
                .element("summary", text: strings.format("search.facets.more", ["count": String(items.count)])),
                .element("ul", [("aria-labelledby", headingID)], Array(items.dropFirst(Self.visibleFacetValues))),
            ]))
        }
        return .element("div", [("class", "facet")], nodes)
    }

    /// A value that adds its filter; a selected one removes it again (its `query`).
    private func facetItem(_ value: SearchFacetValue, of field: SearchFacetField, query: String) -> HTMLNode {
        let content: [HTMLNode] = [
            .text(strings.facetLabel(value, of: field) + " "),
            .element("span", [("class", "count")], text: "(\(value.count))"),
        ]
        guard value.selected else {
            return .element("li", [], [.element("a", [("href", href(query: value.query))], content)])
        }
        guard value.query != query else { return .element("li", [("class", "selected")], content) }
        return .element("li", [("class", "selected")], [
            .element("a", [("href", href(query: value.query))], content + [
                .element("span", [("class", "visually-hidden")], text: " – " + strings["search.remove"]),
                .element("span", [("aria-hidden", "true")], text: " ×"),
            ]),
        ])
    }

    // MARK: Links

    private func href(query: String, page: Int = 1) -> String {
        "search?q=" + PercentEncoding.encode(query) + (page > 1 ? "&page=\(page)" : "")
    }
}
