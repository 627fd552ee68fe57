import ArchivarCore

/// What the list pages need of a record, kept while the catalog streams by: a few
/// short strings per record instead of the record itself.
struct RecordSummary: Sendable {
    let id: String
    let title: String
    /// The German citation, the line the publications page shows.
    let citation: String
    let year: Int?
    let category: String?
    let kind: String
    let date: DisplayDate?
    let source: String?
    /// The authors, else the editors, with their pages.
    let creators: [LinkedPerson]
    /// True when `creators` are editors.
    let creatorsAreEditors: Bool

    init(_ record: Record, site: ArchiveSite) {
        id = record.id
        title = record.displayTitle
        citation = GermanCitation.format(record)
        year = record.year
        category = record.category
        kind = record.kind
        date = DisplayDate(record: record, language: site.strings.language)
        source = record.source
        creators = record.creators.map { site.person($0, in: record) }.filter { !$0.name.isEmpty }
        creatorsAreEditors = record.authors.isEmpty && !record.editors.isEmpty
    }

    /// The record page, relative to the archive root.
    var link: String { ArchivePath.recordLink(id) }
}
