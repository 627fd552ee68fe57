@testable import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// The fast paths for feed dates must give exactly what the general code gives.
@Suite struct DateFastPathTests {
    /// A deterministic stream of numbers.
    struct Numbers {
        var random: SplitMix64
        init(state: UInt64) { random = SplitMix64(seed: state) }
        mutating func next(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        mutating func pick<T>(_ values: [T]) -> T { values.randomElement(using: &random)! }
    }

    /// `rfc1123` reads the usual feed dates from the bytes: wherever it gives a date, the
    /// general reader gives the same one, and `parse` gives it too.
    @Test func rfc1123GivesWhatTheGeneralReaderGives() {
        var numbers = Numbers(state: 42)
        var read = 0
        for _ in 0..<5000 {
            let weekday = numbers.pick(["Mon, ", "Fri, ", "Xyz, ", "", "Mon,", "Mon ", "Montag, ", "jan, "])
            let day = numbers.pick(["1", "04", "29", "31", "30", "00", "7", "123"])
            let month = numbers.pick(["Jan", "Feb", "feb", "MAR", "Mai", "Okt", "Dez", "Sep", "Foo", "März", "June"])
            let year = numbers.pick(["2024", "1999", "2100", "0999", "0050", "9999", "24", "20240"])
            let clock = numbers.pick(["20:28:00", "00:00", "23:59:59", "12:00:60", "24:00:00", "7:05:00", "12:5:00", "12:00:0"])
            let zone = numbers.pick(["+0100", "-0500", "+0000", "+1400", "GMT", "UT", "UTC", "Z", "gmt", "CET", "+01:00",
                                     "EST", "", "(GMT)", "+0100 (CET)", "A", "+010"])
            let text = "\(weekday)\(day) \(month) \(year) \(clock) \(zone)".trimmingCharacters(in: .whitespaces)
            guard let fast = DateText.rfc1123(text) else { continue }
            read += 1
            #expect(fast == DateText.rfc822(text), "\(text)")
            #expect(DateText.parse(text) == fast, "\(text)")
        }
        #expect(read > 100)
    }

    /// `setPublished` finds the day in Berlin by the zone's offset and arithmetic: the day
    /// Foundation's calendar gives, across daylight saving changes and centuries.
    @Test func berlinDayIsTheDayTheCalendarGives() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        var numbers = Numbers(state: 9)
        var instants: [Double] = [0, -1, 1_711_846_800, 1_711_846_799, 1_729_990_800, 1_729_990_799, -12_212_553_600,
                                  -12_212_553_600 + 86_400 + 1, 253_402_300_799, -30_000_000_000]
        for _ in 0..<3000 { instants.append(Double(numbers.next(-3_000_000_000...5_000_000_000)) + 0.5) }
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let day = Record.berlinDay(of: date)
            #expect(day.year == parts.year && day.month == parts.month && day.day == parts.day, "\(seconds)")
        }
    }

    /// `rfc3339` writes four-digit years digit by digit: what ISO8601DateFormatter writes
    /// (from 1583 on, where both count in the Gregorian calendar).
    @Test func rfc3339IsWhatTheFormatterWrites() {
        let formatter = ISO8601DateFormatter()
        var numbers = Numbers(state: 3)
        for _ in 0..<3000 {
            let date = Date(timeIntervalSince1970: Double(numbers.next(-12_000_000_000...253_000_000_000)))
            #expect(DateText.rfc3339(date) == formatter.string(from: date))
        }
    }
}
