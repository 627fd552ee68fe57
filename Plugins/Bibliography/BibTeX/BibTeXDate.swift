import ArchivarCore

/// `year`, `month`, `day` and biblatex `date` fields as a CSL date, and back.
enum BibTeXDate {
    /// The date of an entry: `date` (`2016-05-03`, `2016-05`, `2016/2017`) first, else
    /// `year` with `month` and `day`; a year that is no number (`in press`) stays literal.
    static func issued(year: String?, month: String?, day: String?, date: String?) -> IssuedDate? {
        if let date, let parsed = isoDate(date) { return parsed }
        guard let year = year ?? date else { return nil }
        guard let number = Int(year), (0...9999).contains(number) else {
            return IssuedDate(json: .object(["literal": .string(year)]))
        }
        return IssuedDate(year: number, month: month.flatMap(self.month), day: month.flatMap(self.month) == nil ? nil : day.flatMap { Int($0) })
    }

    /// A month from its number, its macro or its English or German name (`May`, `Mai`, `Okt.`).
    static func month(_ text: String) -> Int? {
        if let number = Int(text), (1...12).contains(number) { return number }
        let prefix = String(text.lowercased().prefix(3))
        return monthPrefixes[prefix]
    }

    /// The bare month macro (`may`) BibTeX and biber both define.
    static func macro(forMonth month: Int) -> String? {
        (1...12).contains(month) ? BibTeXParser.monthMacros.first { $0.value == String(month) }?.key : nil
    }

    private static func isoDate(_ text: String) -> IssuedDate? {
        let first = text.split(separator: "/").first.map(String.init) ?? text
        let parts = first.split(separator: "-").map { Int($0) }
        guard let year = parts.first ?? nil, parts.count <= 3, parts.allSatisfy({ $0 != nil }), first.count >= 4 else { return nil }
        let month = parts.count > 1 ? parts[1] : nil
        let day = parts.count > 2 ? parts[2] : nil
        return IssuedDate(year: year, month: month, day: day)
    }

    private static let monthPrefixes: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "mär": 3, "mrz": 3, "apr": 4, "may": 5, "mai": 5, "jun": 6, "jul": 7, "aug": 8,
        "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12,
    ]
}
