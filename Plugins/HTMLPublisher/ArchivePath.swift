import ArchivarCore

/// Where each page lives in the archive and how pages link to each other. Files are
/// named by `file…` paths; links use `link…` paths, relative to the archive root.
enum ArchivePath {
    static func recordFile(_ id: String) -> String { "records/" + PathSegment.file(id) + "/index.html" }
    static func recordLink(_ id: String) -> String { "records/" + PathSegment.url(id) + "/" }

    /// A partner source's list folder: as named on disk and as linked.
    static func partnerDirectory(_ source: String) -> ListDirectory {
        ListDirectory(file: "partners/" + PathSegment.file(source) + "/", link: "partners/" + PathSegment.url(source) + "/")
    }

    /// The index of people: its folder (as linked) and its file.
    static let authors = "authors/"
    static let authorsIndex = authors + "index.html"

    /// A person's list folder; `slug` is ASCII letters, digits and `-` (`PersonKey.slug`).
    static func authorDirectory(_ slug: String) -> ListDirectory {
        ListDirectory(file: "authors/" + PathSegment.file(slug) + "/", link: "authors/" + PathSegment.url(slug) + "/")
    }

    /// The way back to the archive root from a file: `../` per folder it is in.
    static func root(of file: String) -> String {
        String(repeating: "../", count: file.split(separator: "/").count - 1)
    }
}

/// The folder of a paged list (`press/`), as named on disk and as linked; page
/// `n` > 1 lives in the subfolder `n/`.
struct ListDirectory {
    let file: String
    let link: String

    /// The file of page `number` (from 1).
    func file(page number: Int) -> String { number == 1 ? file + "index.html" : file + "\(number)/index.html" }

    /// The link to page `number`, from the archive root.
    func link(page number: Int) -> String { number == 1 ? link : link + "\(number)/" }
}
