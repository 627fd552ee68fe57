import ArchivarCore

extension PageLayout {
    /// The search form with its query tips, as the archive's `search/` page and the
    /// server's `/search` page both show it. The tips are open while there is no query
    /// and fold away (a `<details>`, no JavaScript) once results follow.
    public func searchPanel(root: String, query: String, fieldID: String) -> [HTMLNode] {
        let opensTips = query.allSatisfy(\.isWhitespace)
        return [
            searchForm(root: root, query: query, fieldID: fieldID),
            .element("details", [("class", "search-help")] + (opensTips ? [("open", "")] : []), [
                .element("summary", text: strings["search.tips"]),
                .element("p", text: strings["search.help"]),
            ]),
        ]
    }
}

extension UIStrings {
    /// „42 Treffer für „Planung““, with „Seite 2 von 3“ when the results fill more than one page.
    public func searchHeading(_ results: SearchResults) -> String {
        let limit = max(1, results.limit)
        var heading = format(results.total == 1 ? "search.heading.one" : "search.heading",
                             ["count": String(results.total), "query": results.query])
        let pageCount = (results.total + limit - 1) / limit
        if pageCount > 1 {
            heading += " · \(self["list.page"]) \(results.offset / limit + 1) \(self["list.of"]) \(pageCount)"
        }
        return heading
    }

    /// The name of a facet value in this language: types and kinds from this table (the
    /// store labels them in German), other fields as the store labels them.
    public func facetLabel(_ value: SearchFacetValue, of field: SearchFacetField) -> String {
        switch field {
        case .type: typeName(value.value)
        case .kind: kindName(value.value)
        default: value.label
        }
    }

    /// The name of a facet („Typ“, „Jahr“, „Person“ …).
    public func facetName(_ field: SearchFacetField) -> String { self["facet." + field.rawValue] }
}
