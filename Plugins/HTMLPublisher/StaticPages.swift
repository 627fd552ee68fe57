import Foundation
import ArchivarCore
import ArchivarHTML

/// The pages that do not depend on the catalog: the search form, the 404 page and
/// the stylesheet.
enum StaticPages {
    static func write(site: ArchiveSite, context: PublishContext) throws {
        let strings = site.strings
        try site.write("search/index.html", in: context, title: strings["search"], current: "search") { root in
            [.element("h1", text: strings["search"]), .element("p", text: strings["search.intro"])]
                + site.layout.searchPanel(root: root, query: "", fieldID: "q-page")
        }
        // The server answers unknown paths at any depth with this page, so its links
        // start from the site's own path instead of from the file.
        let sitePath = URL(string: site.config.baseURL)?.path ?? "/"
        let root = sitePath.hasSuffix("/") ? sitePath : sitePath + "/"
        let notFound = site.layout.page(title: strings["notfound.title"], root: root, body: [
            .element("h1", text: strings["notfound.title"]),
            .element("p", text: strings["notfound.text"]),
            .element("p", [], [.link(root, strings["notfound.home"])]),
        ])
        try context.write(notFound, to: "404.html")
        try context.write(Stylesheet.css, to: Stylesheet.fileName)
    }
}
