import Foundation

/// Reads the dates feeds and web pages actually contain: RFC 822 (with the common
/// mistakes: no or wrong weekday, two-digit years, named zones), ISO 8601 variants,
/// and German `04.11.2022`. Writes RFC 3339 in UTC.
public enum DateText {
    /// The moment `text` names, or nil when it is not a date Archivar understands.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if let first = trimmed.first, first.isNumber, trimmed.count >= 10,
           trimmed[trimmed.index(trimmed.startIndex, offsetBy: 4)] == "-" {
            return iso8601(trimmed)
        }
        if let german = germanDate(trimmed) { return german }
        return rfc822(trimmed)
    }

    /// RFC 3339 in UTC, e.g. `2022-11-04T11:00:00Z`.
    public static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `2022-11-04`, `2022-11-04T12:00`, `2022-11-04T12:00:00+01:00`, `…Z`, `….123Z`.
    static func iso8601(_ text: String) -> Date? {
        let pattern = #/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/#
        guard let match = text.wholeMatch(of: pattern),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3) else { return nil }
        let hour = match.4.flatMap { Int($0) } ?? 0, minute = match.5.flatMap { Int($0) } ?? 0
        let second = match.6.flatMap { Int($0) } ?? 0
        var offset = 0
        if let zone = match.7, zone != "Z" {
            let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
            let hours = Int(digits.prefix(2)) ?? 0, minutes = Int(digits.suffix(2)) ?? 0
            offset = (hours * 3600 + minutes * 60) * (zone.hasPrefix("-") ? -1 : 1)
        }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// `04.11.2022`, `4.11.22`, optionally inside a dateline (`Erfurt/04.11.2022.`), at noon Berlin time.
    static func germanDate(_ text: String) -> Date? {
        guard let match = text.firstMatch(of: #/(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?!\d)/#),
              let day = Int(match.1), let month = Int(match.2), var year = Int(match.3) else { return nil }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        return make(year: year, month: month, day: day, hour: 12, minute: 0, second: 0, offset: berlinOffset(month: month))
    }

    /// RFC 822/1123 dates as feeds write them, forgiving the usual mistakes.
    static func rfc822(_ text: String) -> Date? {
        // Drop the weekday (often wrong or missing) and split the rest.
        var rest = Substring(text)
        if let comma = rest.firstIndex(of: ","), rest.distance(from: rest.startIndex, to: comma) <= 10 {
            rest = rest[rest.index(after: comma)...]
        }
        let parts = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count >= 3, let day = Int(parts[0]),
              let month = months[String(parts[1].prefix(3)).lowercased()],
              var year = Int(parts[2]) else { return nil }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        var hour = 0, minute = 0, second = 0
        if parts.count >= 4 {
            let clock = parts[3].split(separator: ":").compactMap { Int($0) }
            guard clock.count >= 2 else { return nil }
            hour = clock[0]
            minute = clock[1]
            second = clock.count > 2 ? clock[2] : 0
        }
        var offset = 0
        if parts.count >= 5 {
            let zone = parts[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let value = Int(zone.dropFirst()) {
                offset = ((value / 100) * 3600 + (value % 100) * 60) * (sign == "-" ? -1 : 1)
            } else if let named = zones[zone.uppercased()] {
                offset = named * 3600
            }
        }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    private static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second), (1000...9999).contains(year) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day else { return nil }
        return date
    }

    /// Central European time: +2 h from April to October, +1 h otherwise (close enough for noon).
    private static func berlinOffset(month: Int) -> Int { (4...10).contains(month) ? 7200 : 3600 }

    private static let months = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12, "mär": 3, "mai": 5, "okt": 10, "dez": 12,
    ]

    private static let zones = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
        "PST": -8, "PDT": -7, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "BST": 1,
    ]
}
