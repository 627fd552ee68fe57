import Foundation

/// Reads the dates feeds and web pages actually contain: RFC 822 (with the common
/// mistakes: no or wrong weekday, two-digit years, missing seconds, named and military
/// zones, German month and day names), ISO 8601 variants, German `04.11.2022` and
/// `4. November 2022`, and datelines at the start of a text. Writes RFC 3339 in UTC.
/// A date without a zone is read as UTC, a German one as Berlin time (noon when it has
/// no time of day). Military zones other than `Z` count as UTC, as RFC 5322 §4.3 advises.
public enum DateText {
    /// The moment `text` names, or nil when it is not a date Archivar understands.
    public static func parse(_ text: String) -> Date? {
        if let date = rfc1123(text) { return date }
        let trimmed = TextFolding.trimmed(text)
        guard !trimmed.isEmpty else { return nil }
        if let first = trimmed.first, first.isNumber, trimmed.count >= 10,
           ["-", "/"].contains(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 4)]) {
            return iso8601(trimmed)
        }
        return rfc822(trimmed) ?? germanDate(trimmed)
    }

    /// The date of a dateline that opens a press text, e.g. `Erfurt/04.11.2022. Der …`
    /// or `Erfurt, 4. November 2022 – Der …`; nil when the text does not start with one.
    public static func dateline(_ text: String) -> Date? {
        guard let match = String(text.prefix(120)).prefixMatch(of: Patterns.dateline) else { return nil }
        return parse(String(match.1))
    }

    /// RFC 3339 in UTC, e.g. `2022-11-04T11:00:00Z`.
    public static func rfc3339(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        guard (1000...9999).contains(year) else {
            func twoDigits(_ number: Int32) -> String { number < 10 ? "0\(number)" : String(number) }
            return "\(year)-\(twoDigits(parts.tm_mon + 1))-\(twoDigits(parts.tm_mday))"
                + "T\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec))Z"
        }
        // The usual four-digit year: written digit by digit into the string's own storage.
        return String(unsafeUninitializedCapacity: 20) { buffer in
            var index = 0
            func put(_ number: Int, digits: Int) {
                var divisor = digits == 4 ? 1000 : 10
                while divisor > 0 {
                    buffer[index] = UInt8(ascii: "0") + UInt8(number / divisor % 10)
                    index += 1
                    divisor /= 10
                }
            }
            func put(_ character: Unicode.Scalar) {
                buffer[index] = UInt8(ascii: character)
                index += 1
            }
            put(year, digits: 4); put("-"); put(Int(parts.tm_mon) + 1, digits: 2); put("-"); put(Int(parts.tm_mday), digits: 2)
            put("T"); put(Int(parts.tm_hour), digits: 2); put(":"); put(Int(parts.tm_min), digits: 2); put(":")
            put(Int(parts.tm_sec), digits: 2); put("Z")
            return index
        }
    }

    /// `2022-11-04`, `2022-11-04T12:00`, `2022-11-04T12:00:00+01:00`, `…+0100`, `…Z`, `….123Z`;
    /// `/` for `-`, white space before the zone (`DigitScanner`: Atom feeds carry two such dates per entry).
    static func iso8601(_ text: String) -> Date? {
        var scanner = DigitScanner(text)
        guard let year = scanner.number(digits: 4), scanner.skip(anyOf: "-/"), let month = scanner.number(digits: 2),
              scanner.skip(anyOf: "-/"), let day = scanner.number(digits: 2) else { return nil }
        let (hour, minute, second) = scanner.optional(timeOfDay) ?? (0, 0, 0)
        scanner.skipWhiteSpace()
        let offset = scanner.optional(zone) ?? 0
        guard scanner.atEnd else { return nil }
        return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
    }

    /// `T12:00`, `T12:00:00`, `T12:00:00.123` (the fraction is dropped); a space or `t` for `T`.
    private static func timeOfDay(_ scanner: inout DigitScanner) -> (hour: Int, minute: Int, second: Int)? {
        guard scanner.skip(anyOf: "Tt "), let hour = scanner.number(digits: 2), scanner.skip(":"),
              let minute = scanner.number(digits: 2) else { return nil }
        let second = scanner.optional { scanner -> Int? in
            guard scanner.skip(":"), let second = scanner.number(digits: 2) else { return nil }
            _ = scanner.optional { scanner -> Void? in
                guard scanner.skip(anyOf: ".,"), scanner.number(digits: 1) != nil else { return nil }
                scanner.skipDigits()
                return ()
            }
            return second
        }
        return (hour, minute, second ?? 0)
    }

    /// `Z`, `+01:00` or `-0130` as seconds east of UTC.
    private static func zone(_ scanner: inout DigitScanner) -> Int? {
        if scanner.skip(anyOf: "Zz") { return 0 }
        let sign = scanner.skip("-") ? -1 : scanner.skip("+") ? 1 : 0
        guard sign != 0, let hours = scanner.number(digits: 2) else { return nil }
        _ = scanner.skip(":")
        guard let minutes = scanner.number(digits: 2) else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// `04.11.2022`, `4.11.22`, optionally inside a dateline (`Erfurt/04.11.2022.`), at noon Berlin time.
    static func germanDate(_ text: String) -> Date? {
        guard let match = text.firstMatch(of: Patterns.germanDate),
              let day = Int(match.1), let month = Int(match.2), let year = Int(match.3) else { return nil }
        return make(year: fullYear(year), month: month, day: day, hour: 12, minute: 0, second: 0,
                    offset: berlinOffset(month: month))
    }

    /// RFC 822/1123 dates as feeds write them, forgiving the usual mistakes; also
    /// `4. November 2022, 12:00 Uhr` and `November 4, 2022`.
    static func rfc822(_ text: String) -> Date? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        // Drop the weekday (often wrong or missing) whatever its language.
        if let first = tokens.first, first.allSatisfy(\.isLetter), monthNumber(first) == nil || tokens.count > 3,
           tokens.count > 1, monthNumber(tokens[1]) == nil {
            tokens.removeFirst()
        }
        guard tokens.count >= 3 else { return nil }
        let german = tokens[0].hasSuffix(".")
        let day: Int, month: Int
        if let number = Int(TextFolding.trimmed(tokens[0], where: { $0 == "." })), let named = monthNumber(tokens[1]) {
            (day, month) = (number, named)
        } else if let named = monthNumber(tokens[0]), let number = Int(TextFolding.trimmed(tokens[1], where: { $0 == "." })) {
            (day, month) = (number, named)
        } else {
            return nil
        }
        guard let year = Int(tokens[2]) else { return nil }
        var hour = german ? 12 : 0, minute = 0, second = 0
        var zone = german ? berlinOffset(month: month) : 0
        var rest = tokens.dropFirst(3)
        if let clockText = rest.first, clockText.contains(Character(":")) {
            let clock = clockText.split(separator: ":").compactMap { Int($0) }
            guard clock.count >= 2 else { return nil }
            (hour, minute, second) = (clock[0], clock[1], clock.count > 2 ? clock[2] : 0)
            rest = rest.dropFirst()
        }
        if let zoneText = rest.first.map({ TextFolding.trimmed($0, where: { $0 == "(" || $0 == ")" }) }) {
            if let numeric = numericZone(zoneText) {
                zone = numeric
            } else if let hours = zones[zoneText.uppercased()] {
                zone = hours * 3600
            } else if zoneText.count == 1, zoneText.first?.isLetter == true {
                zone = 0
            }
        }
        return make(year: fullYear(year), month: month, day: day, hour: hour, minute: minute, second: second, offset: zone)
    }

    /// `Mon, 29 Jan 2024 20:28:00 +0100` as nearly every feed writes it (RFC 1123 with a
    /// numeric zone, `GMT`, `UT`, `UTC` or `Z`; the weekday and the seconds may be missing),
    /// read straight from the bytes: the moment `rfc822` gives, at a fraction of its cost.
    /// Nil for anything else, which `rfc822` reads.
    static func rfc1123(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            var reader = ByteReader(bytes: bytes)
            if reader.letters(3), reader.skip(","), !reader.skip(" ") { return nil }
            if reader.index > 0, reader.index < 5 { return nil } // letters without ", " after them
            guard let day = reader.number(digits: 1...2), reader.skip(" "),
                  let month = reader.month(), reader.skip(" "),
                  let year = reader.number(digits: 4...4), reader.skip(" "),
                  let hour = reader.number(digits: 2...2), reader.skip(":"),
                  let minute = reader.number(digits: 2...2) else { return nil }
            var second = 0
            if reader.skip(":") {
                guard let seconds = reader.number(digits: 2...2) else { return nil }
                second = seconds
            }
            guard reader.skip(" "), let offset = reader.zone(), reader.isAtEnd else { return nil }
            return make(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset)
        }
    }

    /// Reads the pieces of an RFC 1123 date from UTF-8 bytes, front to back.
    private struct ByteReader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var isAtEnd: Bool { index == bytes.count }

        /// Skips `character` if it comes next.
        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        /// Skips `count` ASCII letters if they come next.
        mutating func letters(_ count: Int) -> Bool {
            guard index + count <= bytes.count,
                  bytes[index..<index + count].allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) }) else { return false }
            index += count
            return true
        }

        mutating func number(digits: ClosedRange<Int>) -> Int? {
            var value = 0, count = 0
            while index < bytes.count, count < digits.upperBound, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                count += 1
                index += 1
            }
            return digits.contains(count) ? value : nil
        }

        /// A month's three-letter name (English or German, any case).
        mutating func month() -> Int? {
            let start = index
            guard letters(3) else { return nil }
            return DateText.months[String(decoding: bytes[start..<index], as: UTF8.self).lowercased()]
        }

        /// `+0100`, `-0500`, `GMT`, `UT`, `UTC` or `Z` as seconds east of UTC.
        mutating func zone() -> Int? {
            let start = index
            if skip("+") || skip("-") {
                guard let value = number(digits: 4...4) else { return nil }
                let seconds = (value / 100) * 3600 + (value % 100) * 60
                return bytes[start] == UInt8(ascii: "-") ? -seconds : seconds
            }
            let name = String(decoding: bytes[start...], as: UTF8.self)
            guard ["GMT", "UT", "UTC", "Z"].contains(name) else { return nil }
            index = bytes.count
            return 0
        }
    }

    /// `+0100`, `-05:00`, `Z` as seconds east of UTC, when that is all of `text`.
    private static func numericZone(_ text: String) -> Int? {
        var scanner = DigitScanner(text)
        guard let offset = zone(&scanner), scanner.atEnd else { return nil }
        return offset
    }

    private static func monthNumber(_ name: String) -> Int? {
        guard name.count >= 3, name.allSatisfy({ $0.isLetter || $0 == "." }) else { return nil }
        return months[String(name.prefix(3)).lowercased()]
    }

    private static func fullYear(_ year: Int) -> Int {
        year < 100 ? year + (year < 70 ? 2000 : 1900) : year
    }

    private static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
              (0...60).contains(second), (1000...9999).contains(year) else { return nil }
        // A fixed offset has no daylight saving time: the wall time read as UTC, moved by the offset.
        let utc: Date
        if year >= 1583 {
            // The Gregorian calendar as Foundation has it after its Julian cut-over, by arithmetic:
            // a day past the month's end (30 February) or a leap second that reaches the next
            // day lands on another day and is refused.
            let days = CivilDays.days(year: year, month: month, day: day)
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
            guard CivilDays.date(days: seconds.floorDivided(by: 86_400)).day == day else { return nil }
            utc = Date(timeIntervalSince1970: TimeInterval(seconds))
        } else {
            let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            guard let date = utcCalendar.date(from: components), utcCalendar.component(.day, from: date) == day else { return nil }
            utc = date
        }
        return utc.addingTimeInterval(TimeInterval(-offset))
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    /// The regular expressions, compiled once.
    private enum Patterns {
        // nonisolated(unsafe): Regex is not Sendable, but these are immutable lets that
        // are only matched against; the compiled program is created once, atomically,
        // by the regex engine, so sharing them between tasks is safe.
        nonisolated(unsafe) static let dateline = #/\s*(?:\p{L}[\p{L}\p{Zs}.\-]{0,40}?\s*[,\/(]\s*)?(\d{1,2}\.\s?(?:\d{1,2}\.\s?(?:\d{4}|\d{2})(?!\d)|\p{L}+\s+\d{4}))/#
        nonisolated(unsafe) static let germanDate = #/(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?!\d)/#
    }

    /// Central European time: +2 h from April to October, +1 h otherwise (close enough for noon).
    private static func berlinOffset(month: Int) -> Int { (4...10).contains(month) ? 7200 : 3600 }

    private static let months = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12, "mär": 3, "mae": 3, "mrz": 3, "mai": 5, "okt": 10, "dez": 12,
    ]

    private static let zones = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
        "PST": -8, "PDT": -7, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "BST": 1,
    ]
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar and back: exact integer
/// arithmetic, no time zone data. Used by date parsing here and by the Atom publisher.
/// Spec: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (days_from_civil, civil_from_days).
public enum CivilDays {
    /// Days from 1970-01-01 to the given date; a day past the month's end counts on into the next.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear.floorDivided(by: 400)
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar date `days` after 1970-01-01.
    public static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int {
    /// Division rounding towards minus infinity.
    public func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
