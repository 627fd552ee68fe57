import Foundation

extension Record {
    /// A web item (a feed entry, a scraped page item): type `post`, its link as `link`
    /// and `URL`, and at most the first 60 words of its plain-text summary.
    public static func post(id: String, title: String?, link: String?, summary: String?) -> Record {
        var record = Record(id: id)
        record.type = "post"
        record.title = title
        record.link = link
        record.url = link
        record.summary = summary.map { TextFolding.firstWords($0, count: 60) }
        return record
    }

    /// Sets `published` (RFC 3339, UTC) and `issued` (the calendar day in Berlin, where
    /// the archive's readers are) from one moment: what a dated feed item or web item gets.
    public mutating func setPublished(_ date: Date) {
        published = DateText.rfc3339(date)
        let parts = Self.berlinCalendar.dateComponents([.year, .month, .day], from: date)
        if let year = parts.year { issued = IssuedDate(year: year, month: parts.month, day: parts.day) }
    }

    private static let berlinCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .current
        return calendar
    }()
}
