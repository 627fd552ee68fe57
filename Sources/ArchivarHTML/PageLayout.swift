import ArchivarCore

/// The frame every page shares: head, site header with navigation and search form,
/// main content, footer. Links are relative to the site root through `root`
/// (`"../../"` for a page two folders deep) so the archive works from any base URL.
public struct PageLayout: Sendable {
    public let siteTitle: String
    public let strings: UIStrings

    public init(siteTitle: String, language: String) {
        self.siteTitle = siteTitle
        strings = UIStrings(language: language)
    }

    /// A whole HTML5 document.
    /// - Parameters:
    ///   - title: the page's own title (the site title is appended).
    ///   - root: the relative path from this page to the archive root, e.g. `"../"`.
    ///   - current: the navigation key of this page (`home`, `publications`, `search`…).
    ///   - head: extra elements for `<head>` (meta tags, JSON-LD).
    public func page(title: String, root: String, current: String? = nil, head: [HTMLNode] = [],
                     query: String = "", body: [HTMLNode]) -> String {
        let document = HTMLNode.element("html", [("lang", strings.language)], [
            .element("head", [], [
                .element("meta", [("charset", "utf-8")]),
                .element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
                .element("title", text: title == siteTitle ? siteTitle : "\(title) – \(siteTitle)"),
                .element("link", [("rel", "stylesheet"), ("href", root + "style.css")]),
                .element("link", [("rel", "alternate"), ("type", "application/atom+xml"),
                                  ("title", "\(siteTitle) – \(strings["feed"])"), ("href", root + "feed.atom")]),
            ] + head),
            .element("body", [], [
                .element("a", [("class", "skip"), ("href", "#main")], text: strings["skip"]),
                header(root: root, current: current, query: query),
                .element("main", [("id", "main")], body),
                .element("footer", [], [
                    .element("p", [], [
                        .text(strings["footer"] + " · "),
                        .link(root + "feed.atom", strings["feed"]),
                    ]),
                ]),
            ]),
        ])
        return "<!DOCTYPE html>\n" + document.render() + "\n"
    }

    private func header(root: String, current: String?, query: String) -> HTMLNode {
        let items: [(key: String, href: String)] = [
            ("home", root), ("publications", root + "publications/"), ("press", root + "press/"),
            ("partners", root + "partners/"), ("authors", root + "authors/"), ("search", root + "search/"),
        ]
        return .element("header", [], [
            .element("p", [("class", "site-title")], [.link(root, siteTitle)]),
            .element("nav", [("aria-label", strings["home"])], [
                .element("ul", [], items.map { item in
                    .element("li", [], [.link(item.href, strings[item.key], item.key == current ? [("aria-current", "page")] : [])])
                }),
            ]),
            searchForm(root: root, query: query),
        ])
    }

    /// The search form; it works without JavaScript (GET to the server's /search).
    /// `fieldID` tells a second form on the same page (the search page's own) from the header's.
    public func searchForm(root: String, query: String, fieldID: String = "q") -> HTMLNode {
        .element("form", [("class", "search"), ("role", "search"), ("action", root + "search"), ("method", "get")], [
            .element("label", [("for", fieldID)], text: strings["search.label"]),
            .element("input", [("type", "search"), ("id", fieldID), ("name", "q"), ("value", query)]),
            .element("button", [("type", "submit")], text: strings["search.button"]),
        ])
    }
}
