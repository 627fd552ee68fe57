import ArchivarCore
import Foundation
import Testing

@Suite struct DateTextTests {
    @Test(arguments: [
        ("Fri, 04 Nov 2022 12:00:00 +0100", "2022-11-04T11:00:00Z"),
        ("04 Nov 2022 12:00:00 +0100", "2022-11-04T11:00:00Z"),
        ("Mon, 04 Nov 2022 12:00:00 GMT", "2022-11-04T12:00:00Z"),
        ("Fri, 4 Nov 22 12:00 EST", "2022-11-04T17:00:00Z"),
        ("2022-11-04T12:00:00+01:00", "2022-11-04T11:00:00Z"),
        ("2022-11-04T12:00:00.123Z", "2022-11-04T12:00:00Z"),
        ("2022-11-04", "2022-11-04T00:00:00Z"),
        ("Erfurt/04.11.2022.", "2022-11-04T11:00:00Z"),
        ("20.06.2023", "2023-06-20T10:00:00Z"),
    ])
    func parsesDatesFeedsContain(text: String, expected: String) throws {
        let date = try #require(DateText.parse(text))
        #expect(DateText.rfc3339(date) == expected)
    }

    @Test(arguments: ["", "gestern", "31.02.2023", "Fri, 99 Nov 2022", "2022-13-01"])
    func rejectsWhatIsNoDate(text: String) {
        #expect(DateText.parse(text) == nil)
    }
}
