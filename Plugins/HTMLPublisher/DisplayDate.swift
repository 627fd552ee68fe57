import ArchivarCore
import ArchivarHTML

/// A record's date for a page: `published` when known (feed items), else `issued`
/// (publications), as precise as the data is.
struct DisplayDate: Sendable {
    /// For `<time datetime>`: `2025-05-13`, `2016-05` or `2016`.
    let machine: String
    /// As readers expect it: `13.05.2025`, `05/2016`, `2016` in German; ISO order in English.
    let text: String

    init?(record: Record, language: String) {
        let parts = record.published.map(DisplayDate.parts(ofISO:)) ?? record.issued?.parts ?? []
        guard let year = parts.first, (0...9999).contains(year) else { return nil }
        let month = parts.count > 1 && (1...12).contains(parts[1]) ? parts[1] : nil
        let day = month != nil && parts.count > 2 && (1...31).contains(parts[2]) ? parts[2] : nil
        let y = DisplayDate.pad(year, 4)
        switch (month.map { DisplayDate.pad($0, 2) }, day.map { DisplayDate.pad($0, 2) }) {
        case let (m?, d?):
            machine = "\(y)-\(m)-\(d)"
            text = language == "en" ? machine : "\(d).\(m).\(y)"
        case let (m?, nil):
            machine = "\(y)-\(m)"
            text = language == "en" ? machine : "\(m)/\(y)"
        default:
            machine = y
            text = y
        }
    }

    /// The element `<time datetime="…">text</time>`.
    var node: HTMLNode { .element("time", [("datetime", machine)], text: text) }

    /// Year, month, day from the front of an ISO 8601 text (`2025-05-13T12:00:00+02:00`).
    private static func parts(ofISO text: String) -> [Int] {
        let fields = text.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
        var parts: [Int] = []
        for field in fields {
            guard field.count == (parts.isEmpty ? 4 : 2), let value = Int(field) else { break }
            parts.append(value)
        }
        return parts
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
