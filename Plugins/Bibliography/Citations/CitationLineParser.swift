import ArchivarCore
import Foundation

/// Reads German citation lines in the institute's style (the shape of its publication
/// list, SPEC §4 `citations`) into CSL-JSON records:
/// `Fischer, Jörg/Graßhoff, Gunther (Hrsg.) (2016): Titel. Weinheim: Juventa.`
///
/// One citation per line or per paragraph: a line starts a new citation when it begins
/// with a list marker (`*`, `•`, `-`) or with names and a year in parentheses; any other
/// line continues the citation above it, and a blank line ends it. A citation without
/// names, year or title is rejected with its line number and the reason.
public enum CitationLineParser {
    /// Decodes a citations file (UTF-8, with or without BOM, LF or CRLF) and parses it.
    public static func read(_ data: Data, path: String) throws -> (records: [Record], problems: [Problem]) {
        guard var text = String(data: data, encoding: .utf8) else {
            throw ArchivarError(stage: "citations", path: path, "is not UTF-8 text")
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return parse(text)
    }

    /// Every citation in `text` as a record; unreadable ones as problems with their line.
    public static func parse(_ text: String) -> (records: [Record], problems: [Problem]) {
        var records: [Record] = []
        var problems: [Problem] = []
        for entry in CitationEntries.split(text) {
            guard !entry.isOverlong else {
                let extent = entry.lines == 1 ? "a line" : "a paragraph of \(entry.lines) lines"
                problems.append(Problem(line: entry.line, "\(extent) (more than \(CitationEntries.maxLength) bytes) is too long for one citation "
                    + "(end each citation with a line break); rejected: \(TextFolding.clean(String(entry.text.prefix(80))))"))
                continue
            }
            do {
                records.append(try citation(entry.text))
            } catch {
                problems.append(Problem(line: entry.line, "\(error.reason); rejected: \(TextFolding.clean(entry.text).prefix(80))"))
            }
        }
        return (records, problems)
    }

    /// One citation (already joined into one line) as a record of kind `publication`;
    /// the citation as given is kept in `note`.
    public static func citation(_ text: String) throws(CitationRejection) -> Record {
        let text = TextFolding.clean(text)
        let head = try CitationHead(text)
        var record = Record()
        record.kind = RecordKind.publication
        record.issued = IssuedDate(year: head.year)
        record.setText("note", text)
        if head.areEditors { record.editors = head.creators } else { record.authors = head.creators }

        var rest = head.rest
        CitationTail.takeExtras(from: &rest, into: &record)
        let titlePart: String
        if let inPart = rest.cut(#/\s+In:\s+(?<container>.+)$/#) {
            record.type = CitationContainer.read(String(inPart.output.container), into: &record)
            titlePart = rest
        } else {
            CitationTail.takePublication(from: &rest, into: &record)
            record.type = CitationSeries.take(from: &rest, into: &record)
            titlePart = rest
        }
        guard let title = CitationTitle.title(titlePart) else {
            throw CitationRejection("no title after the year")
        }
        record.title = title
        return record
    }
}

/// Why a citation could not be read: it is rejected, never stored half-read.
public struct CitationRejection: Error, CustomStringConvertible, Sendable {
    /// What is missing or wrong, in words a librarian understands.
    public var reason: String

    /// A rejection for `reason`.
    public init(_ reason: String) { self.reason = reason }

    /// The reason.
    public var description: String { reason }
}
