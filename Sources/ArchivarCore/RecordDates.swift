import Foundation

extension Record {
    /// A web item (a feed entry, a scraped page item): type `post`, its link as `link`
    /// and `URL`, and at most the first 60 words of its plain-text summary.
    public static func post(id: String, title: String?, link: String?, summary: String?) -> Record {
        // Room for what a feed item gets (text, dates, people, feed, source).
        var record = Record(id: id, capacity: 20)
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
        let day = Self.berlinDay(of: date)
        issued = IssuedDate(year: day.year, month: day.month, day: day.day)
    }

    /// The calendar day in Berlin at `date`: the zone's offset at that moment, then
    /// arithmetic from 1583 on; before, Foundation's calendar (which turns Julian before
    /// its 1582 cut-over).
    static func berlinDay(of date: Date) -> (year: Int, month: Int, day: Int) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // 1583-01-01 and 10000-01-01, 00:00 UTC: a day away from either end still falls inside.
        guard seconds > -12_212_553_600 + 86_400, seconds < 253_402_300_800 - 86_400 else {
            let parts = berlinCalendar.dateComponents([.year, .month, .day], from: date)
            return (parts.year ?? 0, parts.month ?? 1, parts.day ?? 1)
        }
        let local = Int(seconds) + berlin.secondsFromGMT(for: date)
        return CivilDays.date(days: local.floorDivided(by: 86_400))
    }

    private static let berlin = TimeZone(identifier: "Europe/Berlin") ?? .current

    private static let berlinCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        return calendar
    }()
}
