import ArchivarCore
import ArchivarHTML

/// The list of records the overview pages show: title link, then kind, date and people
/// (linked to their pages).
enum RecordList {
    /// `<ol class="records">`, or a short note when there is nothing to list.
    static func node(_ summaries: [RecordSummary], root: String, site: ArchiveSite, showKind: Bool = false) -> HTMLNode {
        guard !summaries.isEmpty else { return .element("p", text: site.strings["list.empty"]) }
        return .element("ol", [("class", "records")], summaries.map { item($0, root: root, site: site, showKind: showKind) })
    }

    private static func item(_ summary: RecordSummary, root: String, site: ArchiveSite, showKind: Bool) -> HTMLNode {
        var meta: [HTMLNode] = []
        if showKind { meta.append(.text(site.strings.kindName(summary.kind))) }
        if let date = summary.date { meta.append(date.node) }
        if !summary.creators.isEmpty {
            let editors = summary.creatorsAreEditors ? " " + site.strings["record.editors.short"] : ""
            meta.append(.fragment([LinkedPerson.node(summary.creators, root: root), .text(editors)]))
        }
        var separated: [HTMLNode] = []
        for (index, node) in meta.enumerated() {
            if index > 0 { separated.append(.text(" · ")) }
            separated.append(node)
        }
        return .element("li", [], [
            .link(root + summary.link, summary.title),
            meta.isEmpty ? .empty : .element("span", [("class", "meta")], separated),
        ])
    }
}
