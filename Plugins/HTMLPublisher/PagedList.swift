import ArchivarCore
import ArchivarHTML

/// A long list of records split into pages of `pageSize`: `press/`, `press/2/`, …
/// with links to the previous and next page (SPEC §9: long lists paginated).
struct PagedList {
    static let pageSize = 100

    /// The list's folder from the archive root (`press/`).
    let directory: ListDirectory
    let title: String
    /// The navigation key of the list (`press`, `partners`).
    let current: String
    /// What stands above the list on its first page.
    var intro: (_ root: String) -> [HTMLNode] = { _ in [] }
    /// Whether each entry shows its kind (lists that mix publications, press and partners).
    var showKind = false

    func write(_ summaries: [RecordSummary], site: ArchiveSite, context: PublishContext) throws {
        let pageCount = max(1, (summaries.count + PagedList.pageSize - 1) / PagedList.pageSize)
        for number in 1...pageCount {
            let slice = Array(summaries.dropFirst((number - 1) * PagedList.pageSize).prefix(PagedList.pageSize))
            let strings = site.strings
            let pageTitle = pageCount == 1 ? title
                : "\(title) – \(strings["list.page"]) \(number) \(strings["list.of"]) \(pageCount)"
            try site.write(directory.file(page: number), in: context, title: pageTitle, current: current) { root in
                [.element("h1", text: pageTitle)]
                    + (number == 1 ? intro(root) : [])
                    + [RecordList.node(slice, root: root, site: site, showKind: showKind), pagination(number, of: pageCount, root: root, strings: strings)]
            }
        }
    }

    private func pagination(_ number: Int, of count: Int, root: String, strings: UIStrings) -> HTMLNode {
        guard count > 1 else { return .empty }
        var links: [HTMLNode] = []
        if number > 1 {
            links.append(.element("li", [], [.link(root + directory.link(page: number - 1),
                                                   strings["search.previous"], [("rel", "prev")])]))
        }
        if number < count {
            links.append(.element("li", [], [.link(root + directory.link(page: number + 1),
                                                   strings["search.next"], [("rel", "next")])]))
        }
        return .element("nav", [("aria-label", strings["list.pages"])], [.element("ul", [("class", "pagination")], links)])
    }
}
