import ArchivarCore
import Foundation
import Testing

@Suite struct DateTextTests {
    @Test(arguments: [
        ("Fri, 04 Nov 2022 12:00:00 +0100", "2022-11-04T11:00:00Z"),
        ("04 Nov 2022 12:00:00 +0100", "2022-11-04T11:00:00Z"),
        ("Mon, 04 Nov 2022 12:00:00 GMT", "2022-11-04T12:00:00Z"),
        ("Fri, 4 Nov 22 12:00 EST", "2022-11-04T17:00:00Z"),
        ("Fri 04 Nov 2022 12:00:00 UT", "2022-11-04T12:00:00Z"),
        ("Fri, 04 Nov 2022 12:00:00 EDT", "2022-11-04T16:00:00Z"),
        ("Fri, 04 Nov 2022 12:00:00 CET", "2022-11-04T11:00:00Z"),
        ("Tue, 20 Jun 2023 12:00:00 CEST", "2023-06-20T10:00:00Z"),
        ("Di, 20 Jun 2023 12:00:00 MESZ", "2023-06-20T10:00:00Z"),
        ("Fri, 04 Nov 2022 12:00:00 MEZ", "2022-11-04T11:00:00Z"),
        ("Fri, 04 Nov 2022 12:00:00 Z", "2022-11-04T12:00:00Z"),
        ("Fri, 04 Nov 2022 12:00:00 A", "2022-11-04T12:00:00Z"),
        ("Fri, 04 Nov 2022 12:00:00 -0500", "2022-11-04T17:00:00Z"),
        ("Fri, 04 Nov 2022 12:00:00 +01:00", "2022-11-04T11:00:00Z"),
        ("Fri, 04 Nov 2022 12:00:00", "2022-11-04T12:00:00Z"),
        ("Freitag, 04 Okt 2022 12:00:00 +0200", "2022-10-04T10:00:00Z"),
        ("Fri, 04 Nov 1999 12:00:00 GMT", "1999-11-04T12:00:00Z"),
        ("04 Nov 99 12:00 GMT", "1999-11-04T12:00:00Z"),
        ("November 4, 2022", "2022-11-04T00:00:00Z"),
        ("4. November 2022", "2022-11-04T11:00:00Z"),
        ("Freitag, 4. März 2022", "2022-03-04T11:00:00Z"),
        ("2022-11-04T12:00:00+01:00", "2022-11-04T11:00:00Z"),
        ("2022-11-04T12:00:00+0100", "2022-11-04T11:00:00Z"),
        ("2022-11-04T12:00:00.123Z", "2022-11-04T12:00:00Z"),
        ("2022-11-04T12:00Z", "2022-11-04T12:00:00Z"),
        ("2022-11-04 12:00:00", "2022-11-04T12:00:00Z"),
        ("2022-11-04", "2022-11-04T00:00:00Z"),
        ("2022/11/04t12:00:00,5-01:30", "2022-11-04T13:30:00Z"),
        ("2022-11-04 12:00 +01:00", "2022-11-04T11:00:00Z"),
        ("2022-11-04 +01:00", "2022-11-03T23:00:00Z"),
        ("2022-11-04\u{A0}z", "2022-11-04T00:00:00Z"),
        ("Erfurt/04.11.2022.", "2022-11-04T11:00:00Z"),
        ("20.06.2023", "2023-06-20T10:00:00Z"),
        ("4.11.22", "2022-11-04T11:00:00Z"),
    ])
    func parsesDatesFeedsContain(text: String, expected: String) throws {
        let date = try #require(DateText.parse(text))
        #expect(DateText.rfc3339(date) == expected)
    }

    @Test(arguments: [0, 667_998_000, 667_998_000.75, -0.5, -2_208_988_800, 253_402_300_799])
    func writesRFC3339AsISO8601DateFormatterDoes(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(DateText.rfc3339(date) == ISO8601DateFormatter().string(from: date))
    }

    @Test func aWrongWeekdayDoesNotMatter() throws {
        #expect(DateText.parse("Mon, 04 Nov 2022 12:00:00 GMT") == DateText.parse("Fri, 04 Nov 2022 12:00:00 GMT"))
    }

    @Test(arguments: [
        ("Sat, 29 Feb 2020 12:00:00 GMT", "2020-02-29T12:00:00Z"),
        ("2000-02-29", "2000-02-29T00:00:00Z"),
        ("Sat, 31 Dec 2016 12:59:60 GMT", "2016-12-31T13:00:00Z"),
        ("1600-03-01T00:00:00Z", "1600-03-01T00:00:00Z"),
        ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
    ])
    func knowsLeapYearsAndSeconds(text: String, expected: String) throws {
        let date = try #require(DateText.parse(text))
        #expect(DateText.rfc3339(date) == expected)
    }

    /// Dates are computed by arithmetic from 1583 on; they must be the moments Foundation's
    /// Gregorian calendar gives (which keeps the Julian calendar before its 1582 cut-over).
    @Test func datesAreTheMomentsFoundationsCalendarGives() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        for year in stride(from: 1000, through: 9999, by: 89) + [1582, 1583, 1700, 1900, 1970, 2000, 2100] {
            for (month, day) in [(1, 1), (2, 28), (2, 29), (3, 1), (12, 31)] {
                let text = String(format: "%04d-%02d-%02dT23:59:59Z", year, month, day)
                let components = DateComponents(year: year, month: month, day: day, hour: 23, minute: 59, second: 59)
                let expected = calendar.date(from: components).flatMap { calendar.component(.day, from: $0) == day ? $0 : nil }
                #expect(DateText.parse(text) == expected, "\(text)")
            }
        }
    }

    @Test(arguments: ["", "gestern", "31.02.2023", "Fri, 99 Nov 2022", "2022-13-01", "Fri, 04 Foo 2022 12:00:00 GMT",
                      "2022-11-04T25:00:00Z", "Tue, 29 Feb 2022 12:00:00 GMT", "2100-02-29", "Sat, 31 Dec 2016 23:59:60 GMT",
                      // ISO 8601 cut short or with digits other than ASCII in the time or zone
                      "2022-11-04T12:00:00.", "2022-11-04T12:0", "2022-11-04T12:00+01:0", "2022-11-04T12:00:00Zx",
                      "2022-11-04T1\u{662}:00", "2022-11-04T12:00:00+\u{662}1:00", "2022-11-04T12:00\u{301}"])
    func rejectsWhatIsNoDate(text: String) {
        #expect(DateText.parse(text) == nil)
    }

    @Test(arguments: [
        ("Erfurt/04.11.2022. Das Institut lädt ein", "2022-11-04T11:00:00Z"),
        ("Erfurt, 4. November 2022 – Das Institut lädt ein", "2022-11-04T11:00:00Z"),
        ("Bad Langensalza (4.11.22) Der Kreis", "2022-11-04T11:00:00Z"),
        ("04.11.2022: Fachtag", "2022-11-04T11:00:00Z"),
    ])
    func readsTheDatelineAtTheStartOfAText(text: String, expected: String) throws {
        let date = try #require(DateText.dateline(text))
        #expect(DateText.rfc3339(date) == expected)
    }

    @Test(arguments: ["Der Fachtag am 04.11.2022 in Erfurt", "Kein Datum hier", "Version 1.2.3 ist da"])
    func findsNoDatelineInsideATextOrWithoutADate(text: String) {
        #expect(DateText.dateline(text) == nil)
    }
}
