/// The must-show BibTeX file of issue 4: 1,000 entries, every 50th (from the 8th on)
/// broken in one of five ways (unbalanced braces, no key, missing comma, unknown macro,
/// duplicate key), so 980 are readable and 20 are not.
public enum BrokenBibTeX {
    /// The file's text and the lines the 20 broken entries start on.
    public static func thousandEntries() -> (text: String, brokenLines: [Int]) {
        var text = "@string{verlag = {Beltz Juventa}}\n"
        var brokenLines: [Int] = []
        var line = 2
        for index in 0..<1000 {
            let lines: [String]
            if index % 50 == 7 {
                brokenLines.append(line)
                switch (index / 50) % 5 {
                case 0: lines = ["@book{kaputt\(index),", "  title = {Unvollst{\\\"a}ndig,", "  year = 2020", "}"]
                case 1: lines = ["@book{", "  title = {Ohne Schlüssel},", "  year = 2020", "}"]
                case 2: lines = ["@book{kaputt\(index),", "  title = {Ohne Komma}", "  year = 2020", "}"]
                case 3: lines = ["@book{kaputt\(index),", "  publisher = unbekannterverlag,", "  year = 2020", "}"]
                default: lines = ["@book{eintrag\(index - 1),", "  title = {Doppelt},", "  year = 2020", "}"]
                }
            } else {
                lines = ["@book{eintrag\(index),", "  author = {M{\\\"u}ller, Anna},", "  title = {Band \(index)},",
                         "  publisher = verlag,", "  year = \(1990 + index % 30)", "}"]
            }
            text += lines.joined(separator: "\n") + "\n\n"
            line += lines.count + 1
        }
        return (text, brokenLines)
    }
}
