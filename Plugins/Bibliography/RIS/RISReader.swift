import ArchivarCore
import Foundation

/// Reads RIS files (Zotero, EndNote, Citavi, Mendeley, library catalogues) into records.
///
/// Tolerant where exporters differ (CRLF or LF, a byte order mark, spacing around the
/// dash, blank lines and junk between records, wrapped long values), strict where data
/// would be lost: every record it cannot take whole is named by line in `problems`,
/// and the records around it are kept. Ids stay empty (the pipeline assigns citation
/// keys) unless an `ID` line holds a usable key.
/// Spec: RIS format specification (Research Information Systems, 2012).
public enum RISReader {
    public static func read(_ data: Data, path: String) -> (records: [Record], problems: [Problem]) {
        var problems: [Problem] = []
        var records: [Record] = []
        var open: RISEntry?

        func close(_ entry: RISEntry, endLine: Int) {
            guard entry.typeCode != nil else {
                problems.append(Problem(line: entry.line, "tag line outside a record (no TY before it): lines \(entry.line)–\(endLine) skipped"))
                return
            }
            records.append(entry.record(problems: &problems))
        }

        let decoded = BibliographyText.decode(data)
        if let note = decoded.note { problems.append(note) }
        let lines = decoded.text
            .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if let tagged = RISLine(line) {
                switch tagged.tag {
                case "TY":
                    if let entry = open {
                        if entry.typeCode != nil {
                            problems.append(.note(line: entry.line, "record has no ER line before the next TY (line \(number)): kept"))
                        }
                        close(entry, endLine: number - 1)
                    }
                    open = RISEntry(line: number, typeCode: tagged.value)
                case "ER":
                    if let entry = open {
                        close(entry, endLine: number)
                    } else {
                        problems.append(.note(line: number, "ER line without a record (no TY before it): ignored"))
                    }
                    open = nil
                default:
                    if open == nil { open = RISEntry(line: number, typeCode: nil) }
                    open?.add(tagged)
                }
            } else if line.allSatisfy(\.isWhitespace) {
                continue
            } else if open != nil {
                let text = line.trimmingCharacters(in: .whitespaces)
                if open?.continue(with: text) == false {
                    problems.append(.note(line: number, "\"\(text.prefix(60))\" left out: not a RIS tag line (\"XY  - value\"), and the tag above cannot go on"))
                }
            }
            // Anything else is junk between records (export headers, e-mail text): skipped.
        }
        if let entry = open {
            if entry.typeCode != nil {
                problems.append(.note(line: entry.line, "record has no ER line at the end of the file: kept"))
            }
            close(entry, endLine: lines.count)
        }
        if records.isEmpty, problems.allSatisfy(\.itemKept), lines.contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
            problems.append(Problem("\(path) holds no RIS record (\"TY  - …\" … \"ER  - \")"))
        }
        return (records, problems)
    }
}
