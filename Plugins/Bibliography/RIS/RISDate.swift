import ArchivarCore
import Foundation

/// RIS dates: `PY  - 2016`, `DA  - 2016/05/12/`, `2016///`, `2016/05//Spring`, and the ISO
/// `2016-05-12` some exporters write. Spec: RIS format specification, "DA" and "PY".
enum RISDate {
    /// The date in a `PY`, `Y1` or `DA` value; nil when it does not start with a year.
    static func parse(_ value: String) -> IssuedDate? {
        let separator: Character = value.contains("/") ? "/" : "-"
        let parts = value.split(separator: separator, maxSplits: 3, omittingEmptySubsequences: false)
            .prefix(3).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let yearText = parts.first, (3...4).contains(yearText.count),
              yearText.allSatisfy(\.isASCII), let year = Int(yearText) else { return nil }
        // A month or day of 0 or out of range means "unknown", and so does everything after it.
        let month = parts.count > 1 ? Int(parts[1]).flatMap { (1...12).contains($0) ? $0 : nil } : nil
        let day = month != nil && parts.count > 2 ? Int(parts[2]).flatMap { (1...31).contains($0) ? $0 : nil } : nil
        return IssuedDate(year: year, month: month, day: day)
    }

    /// `PY`: the four-digit year.
    static func year(_ date: IssuedDate) -> String? {
        date.year.map { String(format: "%04d", $0) }
    }

    /// `DA`: `YYYY/MM/DD/` or `YYYY/MM//`, as Zotero writes it; nil without a month.
    static func full(_ date: IssuedDate) -> String? {
        guard let year = year(date), let month = date.month else { return nil }
        return "\(year)/\(String(format: "%02d", month))/\(date.day.map { String(format: "%02d", $0) } ?? "")/"
    }
}
