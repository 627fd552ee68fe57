import ArchivarCore
import ArchivarHTML

/// A creator's name as the record spells it, and the slug of their author page.
struct LinkedPerson: Sendable {
    let name: String
    /// The author page's slug; nil for a name without letters (no page).
    let slug: String?

    /// "Jörg Fischer, Stefan Huber": each name a link to the person's page.
    static func node(_ people: [LinkedPerson], root: String) -> HTMLNode {
        var nodes: [HTMLNode] = []
        for (index, person) in people.enumerated() {
            if index > 0 { nodes.append(.text(", ")) }
            if let slug = person.slug {
                nodes.append(.link(root + ArchivePath.authorDirectory(slug).link, person.name))
            } else {
                nodes.append(.text(person.name))
            }
        }
        return .fragment(nodes)
    }
}
