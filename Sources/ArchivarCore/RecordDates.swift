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
        let local = Int(seconds) + berlinOffset(at: Int(seconds), of: date)
        return CivilDays.date(days: local.floorDivided(by: 86_400))
    }

    private static let berlin = TimeZone(identifier: "Europe/Berlin") ?? .current

    /// Berlin's offset from UTC at `seconds` since 1970 (`date`): from `berlinTransitions`
    /// between 1970 and 2100, from the time zone itself before and after.
    private static func berlinOffset(at seconds: Int, of date: Date) -> Int {
        let table = berlinTransitions
        guard let first = table.instants.first, let last = table.instants.last, seconds >= first, seconds < last else {
            return berlin.secondsFromGMT(for: date)
        }
        // The last transition at or before `seconds`.
        var low = 0, high = table.instants.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if table.instants[middle] <= seconds { low = middle } else { high = middle - 1 }
        }
        return table.offsets[low]
    }

    /// When Berlin's offset from UTC changes (daylight saving time) from 1970 to 2100, and the
    /// offset from each change on, read once from the time zone: asking the time zone for every
    /// date takes a lock and a look into ICU's tables.
    private static let berlinTransitions: (instants: [Int], offsets: [Int]) = {
        let start = Date(timeIntervalSince1970: 0), end = Date(timeIntervalSince1970: 4_102_444_800)
        var instants = [0], offsets = [berlin.secondsFromGMT(for: start)]
        var date = start
        while let next = berlin.nextDaylightSavingTimeTransition(after: date), next < end {
            instants.append(Int(next.timeIntervalSince1970))
            offsets.append(berlin.secondsFromGMT(for: next))
            date = next
        }
        instants.append(Int(end.timeIntervalSince1970))
        offsets.append(berlin.secondsFromGMT(for: end))
        return (instants, offsets)
    }()

    private static let berlinCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        return calendar
    }()
}
