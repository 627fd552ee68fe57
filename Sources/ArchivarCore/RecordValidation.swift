import Foundation

/// The checks a record must pass before a librarian's add or edit stores it (and that an
/// import reports): a title, a known CSL type, a plausible year, ISBN and ISSN check
/// digits, DOI and URL syntax. Each problem names its field and says what would be right.
///
/// DOIs are stored bare (`10.3262/SM2301`); a resolver address (`https://doi.org/10.3262/…`,
/// `doi:10.3262/…`) is accepted as the same DOI and `bareDOI(_:)` turns it into the bare form.
public enum RecordValidation {
    /// Every problem in `record`, in field order; empty when it may be stored.
    public static func problems(in record: Record) -> [RecordError] {
        var problems: [RecordError] = []
        if (record.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(RecordError(field: "title", reason: "a record needs a title"))
        }
        if let type = record.text("type"), !CSLVocabulary.types.contains(type) {
            problems.append(RecordError(field: "type", reason: "\"\(type)\" is not a CSL type; use one of "
                + CSLVocabulary.commonTypes.joined(separator: ", ") + " or another type of CSL 1.0.2"))
        }
        problems += dateProblems(record)
        if let field = record["ISBN"] {
            problems += numberProblems(field, name: "ISBN", check: StandardNumber.isbns(in:))
        }
        if let field = record["ISSN"] {
            problems += numberProblems(field, name: "ISSN", check: StandardNumber.issns(in:))
        }
        if let doi = record.doi, let problem = doiProblem(doi) {
            problems.append(RecordError(field: "DOI", reason: problem))
        }
        for field in ["URL", "link"] {
            if let address = record.text(field), let problem = webAddressProblem(address) {
                problems.append(RecordError(field: field, reason: problem))
            }
        }
        return problems
    }

    /// The years an `issued` date may have: from the first printed books (1450) to next year
    /// (a book announced for January).
    public static var plausibleYears: ClosedRange<Int> {
        1450...(Calendar(identifier: .gregorian).component(.year, from: Date()) + 1)
    }

    /// A DOI without its resolver address or `doi:` label: `https://doi.org/10.1/x` → `10.1/x`.
    /// Anything that does not start with a known prefix comes back trimmed, unchanged.
    public static func bareDOI(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in doiPrefixes where trimmed.lowercased().hasPrefix(prefix) {
            return String(trimmed.dropFirst(prefix.count))
        }
        return trimmed
    }

    // MARK: Dates

    private static func dateProblems(_ record: Record) -> [RecordError] {
        guard let value = record["issued"] else { return [] }
        guard let issued = IssuedDate(json: value) else {
            return [RecordError(field: "issued", reason: "is not a CSL-JSON date; write it as {\"date-parts\": [[2016]]} (year, month, day)")]
        }
        guard let year = issued.year else { return [] }  // A literal date such as "im Erscheinen".
        let years = plausibleYears
        if !years.contains(year) {
            return [RecordError(field: "issued", reason: "the year \(year) is not plausible; give a year from \(years.lowerBound) to \(years.upperBound)")]
        }
        if let month = issued.month, !(1...12).contains(month) {
            return [RecordError(field: "issued", reason: "the month \(month) does not exist; give a month from 1 to 12")]
        }
        if let month = issued.month, let day = issued.day {
            let days = daysIn(month: month, year: year)
            if !(1...days).contains(day) {
                return [RecordError(field: "issued", reason: "the day \(day) does not exist in \(year)-\(month < 10 ? "0" : "")\(month); give a day from 1 to \(days)")]
            }
        }
        return []
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year.isMultiple(of: 4) && (!year.isMultiple(of: 100) || year.isMultiple(of: 400)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: Numbers and addresses

    /// ISBN/ISSN fields are text, a number, or (from some exports) a list of texts.
    private static func numberProblems(_ value: JSONValue, name: String, check: (String) -> [StandardNumber.Checked]) -> [RecordError] {
        let texts = value.array?.compactMap(\.text) ?? value.text.map { [$0] } ?? []
        guard !texts.isEmpty else { return [RecordError(field: name, reason: "must be text such as \(name == "ISBN" ? "978-3-7799-3407-2" : "0342-3581")")] }
        return texts.flatMap(check).compactMap { checked in checked.problem.map { RecordError(field: name, reason: $0) } }
    }

    private static func doiProblem(_ doi: String) -> String? {
        let bare = bareDOI(doi)
        guard bare.wholeMatch(of: doiSyntax) == nil else { return nil }
        return "\"\(doi)\" is not a DOI; a DOI starts with 10., a registrant number of 4 to 9 digits and a slash, "
            + "then the item's own part, e.g. 10.3262/SM2301 (https://doi.org/… is accepted too)"
    }

    /// An absolute http or https address with a host and no spaces.
    private static func webAddressProblem(_ address: String) -> String? {
        let example = "e.g. https://www.ikpe.de/publikationen/"
        if address.contains(where: { $0.isWhitespace }) {
            return "\"\(address)\" contains a space; a web address has none (write a space as %20), \(example)"
        }
        guard let components = URLComponents(string: address), let scheme = components.scheme?.lowercased() else {
            return "\"\(address)\" is not a complete web address; give it with http:// or https://, \(example)"
        }
        guard scheme == "http" || scheme == "https" else {
            return "\"\(address)\" is a \(scheme): address; only http:// and https:// addresses are links a reader can open"
        }
        guard let host = components.host, !host.isEmpty else {
            return "\"\(address)\" names no server after \(scheme)://; \(example)"
        }
        return nil
    }

    /// `10.` + registrant (4 to 9 digits, dotted sub-parts allowed) + `/` + suffix.
    // nonisolated(unsafe): Regex is not Sendable, but this immutable let is only matched
    // against; built once, not per record (an import checks every DOI).
    nonisolated(unsafe) private static let doiSyntax = #/10\.[0-9]{4,9}(\.[0-9]+)*\/\S+/#

    private static let doiPrefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"]
}

/// A record refused because of its problems: every one of them, each naming its field.
public struct InvalidRecord: Error, CustomStringConvertible, Sendable {
    /// What is wrong, field by field (never empty).
    public var problems: [RecordError]

    public init(_ problems: [RecordError]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "; ") }
}
