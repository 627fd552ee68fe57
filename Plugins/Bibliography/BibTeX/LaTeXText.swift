import ArchivarCore
import Foundation

/// LaTeX text in BibTeX fields to Unicode and back.
///
/// Reading: accents in every spelling (`{\"u}`, `\"{u}`, `\"u`, `\c{c}`), letters
/// (`\ss`, `\o`, `\aa`), escaped specials (`\&`, `\%`), `--` and `---` as dashes, `~` as
/// a no-break space, ``` `` ``` and `''` as quotes, text commands (`\textit{…}`) reduced
/// to their text, case-protecting braces and math `$` dropped; the result is NFC
/// with runs of white space made one space. Writing keeps every Unicode character as
/// UTF-8 and escapes only what BibTeX would read as markup, so that reading what was
/// written gives the text back.
enum LaTeXText {
    /// Unicode text from a raw BibTeX value.
    static func decode(_ raw: String) -> String {
        var decoder = Decoder(scalars: Array(raw.unicodeScalars))
        let text = decoder.sequence(inGroup: false)
        return TextFolding.nfc(collapsingWhitespace(text))
    }

    /// A BibTeX value (without the outer braces) that `decode` reads back as `text`.
    static func encode(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\textbackslash{}".unicodeScalars)
            case "{": out.append(contentsOf: "\\textbraceleft{}".unicodeScalars)
            case "}": out.append(contentsOf: "\\textbraceright{}".unicodeScalars)
            case "~": out.append(contentsOf: "\\textasciitilde{}".unicodeScalars)
            case "^": out.append(contentsOf: "\\textasciicircum{}".unicodeScalars)
            case "&", "%", "$", "#", "_": out.append("\\"); out.append(scalar)
            case "\u{A0}": out.append("~")
            case "\n", "\r", "\t": out.append(" ")
            // `--`, ``` `` ``` and `''` would read as a dash or quotes: keep them apart.
            case "-", "`", "'":
                if previous == scalar { out.append(contentsOf: "{}".unicodeScalars) }
                out.append(scalar)
            default: out.append(scalar)
            }
            previous = scalar
        }
        return String(out)
    }

    /// One space for each run of spaces, tabs and line breaks; trimmed. No-break spaces stay.
    static func collapsingWhitespace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Walks the scalars of a value once; groups and command arguments recurse.
    private struct Decoder {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        /// Text up to the end, or up to the `}` closing the group when `inGroup`.
        mutating func sequence(inGroup: Bool) -> String {
            var out = String.UnicodeScalarView()
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                switch scalar {
                case "{": out.append(contentsOf: sequence(inGroup: true).unicodeScalars)
                case "}": if inGroup { return String(out) }
                case "\\": out.append(contentsOf: command().unicodeScalars)
                case "~": out.append("\u{A0}")
                case "$": break
                case "-":
                    var run = 1
                    while index < scalars.count, scalars[index] == "-" { run += 1; index += 1 }
                    out.append(contentsOf: (run == 2 ? "–" : run == 3 ? "—" : String(repeating: "-", count: run)).unicodeScalars)
                case "`" where next == "`": index += 1; out.append("“")
                case "'" where next == "'": index += 1; out.append("”")
                default: out.append(scalar)
                }
            }
            return String(out)
        }

        private var next: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        /// What follows a backslash.
        private mutating func command() -> String {
            guard let first = next else { return "" }
            guard first.properties.isAlphabetic, first.isASCII else {
                index += 1
                if let mark = LaTeXText.accentMarks[first] { return accent(mark) }
                switch first {
                case "\\": return " "
                case "-", "/", "@": return ""
                case ",", ";", ":", "!", " ": return " "
                default: return String(first)
                }
            }
            var name = ""
            while let scalar = next, scalar.isASCII, scalar.properties.isAlphabetic {
                name.unicodeScalars.append(scalar)
                index += 1
            }
            if name.count == 1, let mark = LaTeXText.accentMarks[name.unicodeScalars.first!] {
                skipSpaces()
                return accent(mark)
            }
            skipSpaces()
            if let symbol = LaTeXText.symbols[name] {
                if next == "{", index + 1 < scalars.count, scalars[index + 1] == "}" { index += 2 }
                return symbol
            }
            // `\textit{…}`, `\emph{…}`, `\url{…}` and commands we do not know: their text.
            guard next == "{" else { return "" }
            index += 1
            let argument = sequence(inGroup: true)
            if LaTeXText.commandsDroppingArgument.contains(name) { return "" }
            if name == "href", next == "{" { index += 1; return sequence(inGroup: true) }
            return argument
        }

        /// The next letter or group with a combining mark after its first letter.
        private mutating func accent(_ mark: Unicode.Scalar) -> String {
            let base: String
            switch next {
            case nil: return ""
            case "{": index += 1; base = sequence(inGroup: true)
            case "\\": index += 1; base = command()
            default: base = String(scalars[index]); index += 1
            }
            var scalars = Array(base.unicodeScalars)
            guard !scalars.isEmpty else { return "" }
            if scalars[0] == "ı" { scalars[0] = "i" } else if scalars[0] == "ȷ" { scalars[0] = "j" }
            scalars.insert(mark, at: 1)
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars)
            return String(out)
        }

        private mutating func skipSpaces() {
            while next == " " || next == "\n" || next == "\t" { index += 1 }
        }
    }

    /// Accent commands and the combining marks they put on a letter.
    static let accentMarks: [Unicode.Scalar: Unicode.Scalar] = [
        "'": "\u{301}", "`": "\u{300}", "^": "\u{302}", "\"": "\u{308}", "~": "\u{303}", "=": "\u{304}", ".": "\u{307}",
        "c": "\u{327}", "v": "\u{30C}", "u": "\u{306}", "H": "\u{30B}", "k": "\u{328}", "r": "\u{30A}", "d": "\u{323}",
        "b": "\u{331}", "t": "\u{361}",
    ]

    /// Commands that stand for a character or a word.
    static let symbols: [String: String] = [
        "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "dj": "đ", "DJ": "Đ",
        "ng": "ŋ", "NG": "Ŋ",
        "textendash": "–", "textemdash": "—", "dots": "…", "ldots": "…", "textellipsis": "…",
        "textquotedblleft": "“", "textquotedblright": "”", "textquoteleft": "‘", "textquoteright": "’",
        "glqq": "„", "grqq": "“", "glq": "‚", "grq": "‘", "flqq": "«", "frqq": "»",
        "guillemotleft": "«", "guillemotright": "»", "textquotesingle": "'", "textquotedbl": "\"",
        "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^", "textbraceleft": "{", "textbraceright": "}",
        "textunderscore": "_", "textdollar": "$", "textsection": "§", "S": "§", "P": "¶", "textdegree": "°",
        "euro": "€", "EUR": "€", "pounds": "£", "textregistered": "®", "texttrademark": "™", "copyright": "©",
        "textcopyright": "©", "textbullet": "•", "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX",
        "quad": " ", "qquad": " ", "space": " ", "slash": "/", "par": " ", "newline": " ", "relax": "",
    ]

    /// Commands whose argument is not text (`\noopsort{…}` only steers sorting).
    static let commandsDroppingArgument: Set<String> = ["noopsort", "sortkey", "cite", "label", "ref", "index"]
}
