import ArchivarCore
import ArchivarMarkup
import Foundation

/// One OAI-PMH response to `ListRecords`: its records, the token for the next page and
/// the repository's errors. Parsed with libxml2 in recover mode; parser problems keep
/// their lines. Spec: OAI-PMH 2.0 §3.2 (response format), §3.6 (errors).
struct OAIPage {
    static let namespace = "http://www.openarchives.org/OAI/2.0/"

    /// One `<record>`: its header, and its metadata unless the item was deleted.
    struct Entry {
        var identifier: String
        var datestamp: String?
        var deleted: Bool
        var metadata: MarkupNode?
        var line: Int
    }

    /// An `<error code="…">` element.
    struct RepositoryError {
        var code: String
        var message: String
    }

    var responseDate: String?
    var entries: [Entry] = []
    /// The next page's token; nil (or empty in the document) on the last page.
    var resumptionToken: String?
    var errors: [RepositoryError] = []
    var problems: [Problem] = []

    /// Parses the bytes at `url`. Throws when they are not an OAI-PMH response at all.
    init(_ data: Data, url: URL) throws {
        let document: MarkupDocument
        do {
            document = try MarkupParser.xml(data, url: url.absoluteString)
        } catch let error as ArchivarError {
            throw ArchivarError(stage: "oai-pmh", path: url.absoluteString, location: error.location, "no OAI-PMH response could be read: \(error.message)")
        }
        guard let root = document.root, root.name == "OAI-PMH" else {
            let found = document.root.map { "the root element is <\($0.name)>" } ?? "the document has no root element"
            throw ArchivarError(stage: "oai-pmh", path: url.absoluteString, "this is not an OAI-PMH response: \(found)")
        }
        problems = document.problems
        responseDate = Self.text(root.first("responseDate"))
        errors = root.all("error").map { RepositoryError(code: $0.attribute("code") ?? "unknown", message: TextFolding.clean($0.text)) }
        guard let list = root.first("ListRecords") else { return }
        for record in list.all("record") {
            guard let header = record.first("header"), let identifier = Self.text(header.first("identifier")) else {
                problems.append(Problem(line: record.line, "a <record> without a header identifier was skipped"))
                continue
            }
            entries.append(Entry(identifier: identifier, datestamp: Self.text(header.first("datestamp")),
                                 deleted: header.attribute("status") == "deleted",
                                 metadata: record.first("metadata")?.elements.first, line: record.line))
        }
        resumptionToken = Self.text(list.first("resumptionToken"))
    }

    private static func text(_ node: MarkupNode?) -> String? {
        guard let node else { return nil }
        let value = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }
}
