import Foundation

/// HTTP dates for `Last-Modified` and `If-Modified-Since`: written and read in the
/// IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`). A date in one of the two
/// obsolete forms is not understood, so the full response is sent: always safe.
/// Spec: RFC 9110 §5.6.7.
enum HTTPDate {
    private static let format: Date.FormatString = """
        \(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .padded(4)) \
        \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT
        """
    private static let locale = Locale(identifier: "en_US_POSIX")
    private static let style = Date.VerbatimFormatStyle(format: format, locale: locale, timeZone: .gmt,
                                                        calendar: Calendar(identifier: .gregorian))
    private static let strategy = Date.ParseStrategy(format: format, locale: locale, timeZone: .gmt, isLenient: false)

    /// The date as an IMF-fixdate.
    static func string(from date: Date) -> String { date.formatted(style) }

    /// The date in an IMF-fixdate, or nil.
    static func date(from text: String) -> Date? {
        try? Date(text.trimmingCharacters(in: .whitespaces), strategy: strategy)
    }
}
