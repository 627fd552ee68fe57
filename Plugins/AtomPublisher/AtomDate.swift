import ArchivarCore

/// Record dates as Atom needs them: RFC 3339 date-times, always in UTC with `Z`, so
/// the same instant is always written the same way and strings compare in time order.
/// Spec: RFC 4287 §3.3 Date Constructs, RFC 3339 §5.6.
enum AtomDate {
    /// For an empty feed, which has no newest entry: a fixed time keeps it byte-stable.
    static let beginningOfTime = "1970-01-01T00:00:00Z"

    /// An ISO 8601 text (`2023-01-11T12:00:00+01:00`, `2023-01-11 12:00`, `2023-01-11`,
    /// `2023-01`, `2023`) as an RFC 3339 UTC date-time; nil when it is no such date.
    /// A time without zone counts as UTC; a date without time as its midnight UTC.
    static func rfc3339(_ text: String) -> String? {
        var scanner = DigitScanner(text)
        guard let year = scanner.number(digits: 4) else { return nil }
        var month = 1, day = 1, hour = 0, minute = 0, second = 0, offsetMinutes = 0
        if scanner.skip("-") {
            guard let value = scanner.number(digits: 2) else { return nil }
            month = value
            if scanner.skip("-") {
                guard let value = scanner.number(digits: 2) else { return nil }
                day = value
            }
        }
        if scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") {
            guard let h = scanner.number(digits: 2), scanner.skip(":"), let m = scanner.number(digits: 2) else { return nil }
            hour = h
            minute = m
            if scanner.skip(":") {
                guard let s = scanner.number(digits: 2) else { return nil }
                second = min(s, 59)  // a leap second is kept as the second before it
                if scanner.skip(".") || scanner.skip(",") { scanner.skipDigits() }
            }
            if scanner.skip("+") || scanner.peek("-") {
                let sign = scanner.skip("-") ? -1 : 1
                guard let oh = scanner.number(digits: 2) else { return nil }
                _ = scanner.skip(":")
                let om = scanner.number(digits: 2) ?? 0
                guard oh <= 23, om <= 59 else { return nil }
                offsetMinutes = sign * (oh * 60 + om)
            } else {
                _ = scanner.skip("Z") || scanner.skip("z")
            }
        }
        guard scanner.atEnd, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59 else { return nil }
        let seconds = (CivilDays.days(year: year, month: month, day: day) * 1440 + hour * 60 + minute - offsetMinutes) * 60 + second
        return format(epochSeconds: seconds)
    }

    /// A CSL-JSON `issued` date as midnight UTC of its first day; nil without a year.
    static func rfc3339(_ issued: IssuedDate) -> String? {
        guard let year = issued.year, (0...9999).contains(year) else { return nil }
        let month = issued.month.flatMap { (1...12).contains($0) ? $0 : nil }
        let day = month.flatMap { m in issued.day.flatMap { (1...daysIn(month: m, year: year)).contains($0) ? $0 : nil } }
        return format(epochSeconds: CivilDays.days(year: year, month: month ?? 1, day: day ?? 1) * 86400)
    }

    private static func format(epochSeconds: Int) -> String? {
        let days = epochSeconds.floorDivided(by: 86400)
        let secondOfDay = epochSeconds - days * 86400
        let (year, month, day) = CivilDays.date(days: days)
        guard (0...9999).contains(year) else { return nil }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
