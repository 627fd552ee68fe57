import ArchivarCore
import ArchivarHTML

/// The HTML page of `/search`: the form with the query kept, the count, the hits with
/// highlighted snippets, and page links. Plain links and a GET form, no JavaScript.
struct SearchPage: Sendable {
    let layout: PageLayout
    /// `/search` sits at the root, so links are relative to `./`.
    private let root = "./"
    private var strings: UIStrings { layout.strings }

    func render(_ parameters: SearchParameters, results: SearchResults) -> String {
        let pageCount = parameters.pageCount(total: results.total)
        var body: [HTMLNode] = [
            .element("h1", text: strings["search"]),
            layout.searchForm(root: root, query: parameters.text, fieldID: "search-q"),
            .element("p", [("class", "search-help")], text: strings["search.help"]),
        ]
        if let message = results.message {
            body.append(.element("p", [("class", "search-message"), ("role", "status")], text: message))
        } else if results.total == 0 {
            body.append(.element("p", [("class", "search-message"), ("role", "status")], text: strings["search.none"]))
        }
        if results.total > 0 {
            var heading = "\(results.total) \(strings["search.results"])"
            if pageCount > 1 {
                heading += " · \(strings["list.page"]) \(parameters.page) \(strings["list.of"]) \(pageCount)"
            }
            body.append(.element("h2", [("id", "results-heading")], text: heading))
            body.append(.element("ol", [("class", "results"), ("start", String(results.offset + 1)),
                                        ("aria-labelledby", "results-heading")], results.hits.map(hitItem)))
            body.append(pagination(parameters, pageCount: pageCount))
        }
        let title = parameters.isEmpty ? strings["search"] : "\(parameters.text) – \(strings["search"])"
        return layout.page(title: title, root: root, current: "search",
                           head: [.element("meta", [("name", "robots"), ("content", "noindex")])],
                           query: parameters.text, body: body)
    }

    private func hitItem(_ hit: SearchHit) -> HTMLNode {
        let meta = [strings.kindName(hit.kind), strings.typeName(hit.type), hit.year.map(String.init) ?? "",
                    hit.creators.joined(separator: "; ")].filter { !$0.isEmpty }
        return .element("li", [], [
            .element("article", [], [
                .element("h3", [], [.link(root + "records/" + PercentEncoding.encode(hit.id) + "/", hit.title)]),
                .element("p", [("class", "meta")], text: meta.joined(separator: " · ")),
                .element("p", [("class", "snippet")], [.sanitized(HTMLEscaping.highlightedSnippet(hit.snippet))]),
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
            items.append(.element("li", [], [.link(href(parameters, page: previousPage), strings["search.previous"], [("rel", "prev")])]))
        }
        // `current` may lie past the last page (a hand-edited link): the window then ends there.
        let low = min(max(1, current - 2), pageCount)
        let high = max(min(pageCount, current + 2), low)
        let window = Set([1, pageCount] + Array(low...high)).sorted()
        var previous = 0
        for page in window {
            if page > previous + 1 { items.append(.element("li", [("aria-hidden", "true")], text: "…")) }
            let attributes = [("aria-label", "\(strings["list.page"]) \(page)")] + (page == current ? [("aria-current", "page")] : [])
            items.append(.element("li", [], [.link(href(parameters, page: page), String(page), attributes)]))
            previous = page
        }
        if current < pageCount {
            items.append(.element("li", [], [.link(href(parameters, page: current + 1), strings["search.next"], [("rel", "next")])]))
        }
        return .element("nav", [("class", "pagination"), ("aria-label", strings["list.pages"])], [.element("ul", [], items)])
    }

    private func href(_ parameters: SearchParameters, page: Int) -> String {
        "search?q=" + PercentEncoding.encode(parameters.text) + (page > 1 ? "&page=\(page)" : "")
    }
}
