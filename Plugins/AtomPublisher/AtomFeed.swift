import ArchivarCore
import ArchivarMarkup

/// One Atom feed file: its place in the archive, its title and its newest entries.
/// Spec: RFC 4287 §4.1.1 The "atom:feed" Element.
struct AtomFeed: Sendable {
    /// How many entries a feed carries: the newest ones.
    static let entryLimit = 50

    /// The file's path under the archive root, e.g. `feeds/press.atom`.
    var path: String
    /// The file's URL path under the base URL (`path` with its segments URL-escaped).
    var urlPath: String
    var title: String
    /// The HTML page the feed mirrors.
    var alternate: String
    private(set) var entries: [AtomEntry] = []

    init(path: String, urlPath: String, title: String, alternate: String) {
        self.path = path
        self.urlPath = urlPath
        self.title = title
        self.alternate = alternate
    }

    /// Whether another entry still fits.
    var wantsMore: Bool { entries.count < AtomFeed.entryLimit }

    mutating func append(_ entry: AtomEntry) {
        if wantsMore { entries.append(entry) }
    }

    /// The feed document. `updated` is the newest entry's, so an unchanged catalog
    /// gives the same bytes on every publish.
    func render(config: SiteConfig, address: FeedAddress) -> String {
        var xml = XMLWriter()
        xml.element("feed", [("xmlns", "http://www.w3.org/2005/Atom"), ("xml:lang", config.language)]) { xml in
            xml.element("id", text: address.absolute(urlPath))
            xml.element("title", [("type", "text")], text: title)
            xml.element("updated", text: entries.map(\.updated).max() ?? AtomDate.beginningOfTime)
            xml.emptyElement("link", [("rel", "self"), ("type", "application/atom+xml"), ("href", address.absolute(urlPath))])
            xml.emptyElement("link", [("rel", "alternate"), ("type", "text/html"), ("href", alternate)])
            xml.element("author") { xml in
                xml.element("name", text: config.title)
                xml.element("uri", text: address.base)
            }
            xml.element("generator", [("version", ArchivarVersion.current)], text: "Archivar")
            for entry in entries { entry.write(to: &xml) }
        }
        return xml.output
    }
}
