import Foundation

extension Record {
    /// Sets `published` (RFC 3339, UTC) and `issued` (the calendar day in Berlin, where
    /// the archive's readers are) from one moment: what a dated feed item or web item gets.
    public mutating func setPublished(_ date: Date) {
        published = DateText.rfc3339(date)
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/Berlin") ?? .current, from: date)
        if let year = parts.year { issued = IssuedDate(year: year, month: parts.month, day: parts.day) }
    }
}
