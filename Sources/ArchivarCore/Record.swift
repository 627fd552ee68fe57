import Foundation

/// Everything Archivar ingests becomes a record: CSL-JSON bibliographic fields plus the
/// archive fields (`kind`, `category`, `source`, `link`, `summary`, `content`,
/// `published`, `updated`, `hash`).
///
/// The fields are kept as one JSON object, so a field Archivar does not know is kept
/// and written out again unchanged; typed accessors cover the fields it uses.
/// Spec: CSL-JSON schema (citation-style-language/schema, csl-data.json).
public struct Record: Sendable, Hashable {
    /// The record id: a citation key for publications, `<source>-<hash>` for feed items.
    public var id: String
    /// All other fields, by their CSL-JSON (or archive) name.
    public private(set) var fields: [String: JSONValue]
    /// Whether `content` came from the sanitizer (see `sanitizedContent`); not a field.
    var sanitized = SanitizedMark()
    /// The match keys last made for the record (`rememberMatchKeys`); not a field.
    var rememberedMatchKeys = RememberedMatchKeys()

    public init(id: String = "", fields: [String: JSONValue] = [:]) {
        self.id = id
        self.fields = fields
        self.fields["id"] = nil
    }

    /// An empty record with room for `capacity` fields, filled without regrowing.
    init(id: String, capacity: Int) {
        self.init(id: id)
        fields.reserveCapacity(capacity)
    }

    /// Reads one CSL-JSON item (an object); `id` may be a string or a number.
    public init(json: JSONValue) throws {
        guard var object = json.object else {
            throw RecordError(field: nil, reason: "a CSL-JSON item must be an object")
        }
        id = object.removeValue(forKey: "id")?.text ?? ""
        fields = object
    }

    /// The whole record as a CSL-JSON object (id first among equals: keys are sorted on output).
    public var json: JSONValue {
        var object = fields
        object["id"] = .string(id)
        return .object(object)
    }

    /// Appends the canonical text of `json` (see `JSONValue.canonicalText`) as UTF-8,
    /// without making `json` first.
    public func writeJSON(to output: inout [UInt8]) {
        JSONValue.writeObject(fields, adding: (key: "id", value: .string(id)), to: &output)
    }

    /// Raw access to any field by its CSL-JSON name; nil or `.null` removes it.
    public subscript(field: String) -> JSONValue? {
        get { fields[field] }
        set {
            if let newValue, newValue != .null { fields[field] = newValue } else { fields[field] = nil }
        }
    }

    /// A text field by name; setting nil or an empty string removes it.
    public func text(_ field: String) -> String? { fields[field]?.text }

    /// Sets a text field; nil or empty removes it.
    public mutating func setText(_ field: String, _ value: String?) {
        if let value, !value.isEmpty { fields[field] = .string(value) } else { fields[field] = nil }
    }

    // MARK: CSL-JSON fields

    public var type: String {
        get { text("type") ?? "document" }
        set { setText("type", newValue) }
    }
    public var title: String? {
        get { text("title") }
        set { setText("title", newValue) }
    }
    public var authors: [Name] {
        get { names("author") }
        set { setNames("author", newValue) }
    }
    public var editors: [Name] {
        get { names("editor") }
        set { setNames("editor", newValue) }
    }
    public var issued: IssuedDate? {
        get { fields["issued"].flatMap(IssuedDate.init(json:)) }
        set { fields["issued"] = newValue?.json }
    }
    public var containerTitle: String? {
        get { text("container-title") }
        set { setText("container-title", newValue) }
    }
    public var publisher: String? {
        get { text("publisher") }
        set { setText("publisher", newValue) }
    }
    public var publisherPlace: String? {
        get { text("publisher-place") }
        set { setText("publisher-place", newValue) }
    }
    public var doi: String? {
        get { text("DOI") }
        set { setText("DOI", newValue) }
    }
    public var isbn: String? {
        get { text("ISBN") }
        set { setText("ISBN", newValue) }
    }
    public var url: String? {
        get { text("URL") }
        set { setText("URL", newValue) }
    }
    public var abstract: String? {
        get { text("abstract") }
        set { setText("abstract", newValue) }
    }
    public var language: String? {
        get { text("language") }
        set { setText("language", newValue) }
    }

    // MARK: Archive fields

    /// `publication`, `press` or `partner`.
    public var kind: String {
        get { text("kind") ?? RecordKind.publication }
        set { setText("kind", newValue) }
    }
    /// The institute's own grouping, e.g. "Monographien und Herausgeberschaften".
    public var category: String? {
        get { text("category") }
        set { setText("category", newValue) }
    }
    /// The id of the source that produced the record.
    public var source: String? {
        get { text("source") }
        set { setText("source", newValue) }
    }
    /// Where the item lives on the web (a feed item's link).
    public var link: String? {
        get { text("link") }
        set { setText("link", newValue) }
    }
    /// A plain-text summary.
    public var summary: String? {
        get { text("summary") }
        set { setText("summary", newValue) }
    }
    /// Sanitized HTML of the full text.
    public var content: String? {
        get { text("content") }
        set { setText("content", newValue) }
    }
    /// ISO 8601 time of first publication.
    public var published: String? {
        get { text("published") }
        set { setText("published", newValue) }
    }
    /// ISO 8601 time of the last change.
    public var updated: String? {
        get { text("updated") }
        set { setText("updated", newValue) }
    }
    /// The content hash the catalog uses to skip unchanged records.
    public var hash: String? {
        get { text("hash") }
        set { setText("hash", newValue) }
    }

    // MARK: Derived values

    /// Authors, else editors: the people a citation starts with.
    public var creators: [Name] { authors.isEmpty ? editors : authors }

    /// The year of `issued`, else of `published`.
    public var year: Int? {
        if let year = issued?.year { return year }
        if let published, let year = Int(published.prefix(4)) { return year }
        return nil
    }

    /// The date used for ordering: `published`, else `issued` as an ISO date.
    public var sortDate: String {
        if let published { return published }
        guard let issued, let year = issued.year else { return "0000" }
        return String(format: "%04d-%02d-%02d", year, issued.month ?? 1, issued.day ?? 1)
    }

    /// The title, or a stand-in made from the first words of the text.
    public var displayTitle: String {
        if let title, !title.isEmpty { return title }
        return "(ohne Titel)"
    }

    /// A hash of every field but `hash` and `updated`: equal hashes mean nothing changed.
    public func contentHash() -> String {
        StableHash.hex(of: canonicalContent().utf8)
    }

    private func names(_ field: String) -> [Name] {
        (fields[field]?.array ?? []).compactMap(Name.init(json:))
    }

    private mutating func setNames(_ field: String, _ names: [Name]) {
        fields[field] = names.isEmpty ? nil : .array(names.map(\.json))
    }
}

/// The three kinds of record the archive holds.
public enum RecordKind {
    public static let publication = "publication"
    public static let press = "press"
    public static let partner = "partner"
    public static let all = [publication, press, partner]
}

/// A record that cannot be read, naming the field when there is one.
public struct RecordError: Error, CustomStringConvertible {
    public var field: String?
    public var reason: String
    public init(field: String?, reason: String) {
        self.field = field
        self.reason = reason
    }
    public var description: String { field.map { "field \"\($0)\": \(reason)" } ?? reason }
}
