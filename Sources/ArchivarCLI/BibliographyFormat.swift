import ArchivarCore
import Bibliography
import Foundation

/// The bibliography formats `export` and `show` write, each through its writer in the
/// Bibliography plugin: the bytes a file of that format holds.
enum BibliographyFormat: String {
    case bibtex
    case ris
    case cslJSON = "csl-json"

    /// The format named by `--format`; a usage error lists the known ones.
    init(option value: String?) throws {
        guard let value else {
            throw UsageError("--format is required: \(Self.names)")
        }
        guard let format = Self(rawValue: value.lowercased()) else {
            throw UsageError("unknown format \"\(value)\": use \(Self.names)")
        }
        self = format
    }

    /// The formats, for messages.
    static let names = "bibtex, ris or csl-json"

    /// `records` as a complete file of this format.
    func write(_ records: [Record]) -> Data {
        switch self {
        case .bibtex: Data(BibTeXWriter.write(records).utf8)
        case .ris: Data(RISWriter.write(records).utf8)
        case .cslJSON: CSLJSONWriter.write(records)
        }
    }
}
