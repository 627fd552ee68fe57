import ArchivarCore
import ArchivarMarkup
import Foundation

/// One subscription of an OPML reading list: an `<outline>` with an `xmlUrl`.
struct OPMLFeed: Equatable {
    var title: String
    var xmlUrl: String
    var htmlUrl: String?
    /// The line of the outline in the file read (0 for feeds written, not read).
    var line = 0
}

/// Reads and writes OPML 2.0 subscription lists, the convention feed readers use to
/// move subscriptions. Spec: OPML 2.0 (opml.org/spec2.opml), "subscription lists".
enum OPMLDocument {
    /// The feeds of an OPML file, from every level of nested outlines (folders are
    /// flattened), and the problems met: recovered XML errors and outlines without an
    /// `xmlUrl`. Throws when the file holds no OPML body at all.
    static func read(_ data: Data, file: String) throws -> (feeds: [OPMLFeed], problems: [Problem]) {
        let document: MarkupDocument
        do {
            document = try MarkupParser.xml(data, url: file)
        } catch let error as ArchivarError {
            throw ArchivarError(path: file, location: error.location, "is not OPML: \(error.message)")
        }
        guard let root = document.root, root.name == "opml" else {
            let found = document.root.map { "the root element is <\($0.name)>" } ?? "there is no root element"
            throw ArchivarError(path: file, location: document.root.map { "line \($0.line)" }, "is not OPML: \(found)")
        }
        guard let body = root.first("body") else {
            throw ArchivarError(path: file, location: "line \(root.line)", "<opml> has no <body>: there is nothing to import")
        }
        var feeds: [OPMLFeed] = []
        var problems = document.problems
        collect(body.all("outline"), into: &feeds, problems: &problems)
        return (feeds, problems)
    }

    private static func collect(_ outlines: [MarkupNode], into feeds: inout [OPMLFeed], problems: inout [Problem]) {
        for outline in outlines {
            let name = label(outline)
            let children = outline.all("outline")
            if let xmlUrl = nonEmpty(outline.attribute("xmlUrl")) {
                guard let scheme = URL(string: xmlUrl)?.scheme?.lowercased(), ["http", "https", "file"].contains(scheme) else {
                    problems.append(Problem(line: outline.line, "outline \"\(name ?? "")\": xmlUrl \"\(xmlUrl)\" is not an http, https or file address: skipped"))
                    continue
                }
                let title = name ?? URL(string: xmlUrl)?.host ?? xmlUrl
                feeds.append(OPMLFeed(title: title, xmlUrl: xmlUrl, htmlUrl: nonEmpty(outline.attribute("htmlUrl")), line: outline.line))
            } else if children.isEmpty {
                problems.append(Problem(line: outline.line, "outline \"\(name ?? "")\" has no xmlUrl: skipped"))
            }
            collect(children, into: &feeds, problems: &problems)
        }
    }

    /// An outline's `text` (required by the spec), else its `title`.
    private static func label(_ outline: MarkupNode) -> String? {
        nonEmpty(outline.attribute("text")) ?? nonEmpty(outline.attribute("title"))
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value else { return nil }
        let cleaned = TextFolding.clean(value)
        return cleaned.isEmpty ? nil : cleaned
    }

    /// An OPML 2.0 subscription list of `feeds` titled `title`.
    static func write(title: String, feeds: [OPMLFeed]) -> String {
        var writer = XMLWriter()
        writer.element("opml", [("version", "2.0")]) { opml in
            opml.element("head") { head in
                head.element("title", text: title)
            }
            opml.element("body") { body in
                for feed in feeds {
                    var attributes = [("type", "rss"), ("text", feed.title), ("title", feed.title), ("xmlUrl", feed.xmlUrl)]
                    if let htmlUrl = feed.htmlUrl { attributes.append(("htmlUrl", htmlUrl)) }
                    body.emptyElement("outline", attributes)
                }
            }
        }
        return writer.output
    }
}
