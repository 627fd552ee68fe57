import ArchivarCore

/// Splits a `.bib` file into entries: `@string` macros (with the month macros
/// predefined), `#` concatenation, braced and quoted values, `@comment`, `@preamble`
/// and text between entries skipped. A broken entry becomes a problem naming its line;
/// parsing goes on at the next `@` at the start of a line, so one bad entry costs
/// only itself.
///
/// A braced value that runs into a line starting with `@type{` is taken as an
/// unclosed brace: otherwise one missing `}` would swallow the rest of the file.
/// Spec: BibTeX file format as read by bibtex and biber (Btxdoc; biber manual §3).
struct BibTeXParser {
    private let bytes: [UInt8]
    private var position = 0
    private var macros = BibTeXParser.monthMacros
    private var keyLines: [String: Int] = [:]
    private var lineCache = (offset: 0, line: 1)
    private(set) var entries: [BibTeXEntry] = []
    private(set) var problems: [Problem] = []

    /// Parses UTF-8 bytes (a leading byte-order mark is skipped).
    static func parse(_ bytes: [UInt8]) -> (entries: [BibTeXEntry], problems: [Problem]) {
        var parser = BibTeXParser(bytes: bytes)
        parser.run()
        return (parser.entries, parser.problems)
    }

    /// `jan` … `dec` expand to month numbers, as biber defines them.
    static let monthMacros: [String: String] = Dictionary(uniqueKeysWithValues:
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            .enumerated().map { ($1, String($0 + 1)) })

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    private struct SyntaxError: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private mutating func run() {
        while let at = bytes[position...].firstIndex(of: UInt8(ascii: "@")) {
            position = at
            do {
                try parseEntry()
            } catch let error as SyntaxError {
                problems.append(Problem(line: line(at: at), error.reason))
                position = nextLineStartingWithAt(after: at)
            } catch {
                preconditionFailure("the parser throws only SyntaxError")
            }
        }
    }

    // MARK: Entries

    private mutating func parseEntry() throws {
        let start = position
        position += 1
        let type = identifier().lowercased()
        skipWhitespace()
        guard !type.isEmpty, let opener = peek, opener == UInt8(ascii: "{") || opener == UInt8(ascii: "(") else {
            return // an `@` in text between entries (an e-mail address): not an entry
        }
        position += 1
        let closer = opener == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")")
        switch type {
        case "comment", "preamble":
            try skipGroup(opener: opener, closer: closer, what: "@\(type)")
        case "string":
            try parseMacros(closer: closer)
        default:
            let entry = try parseFields(type: type, closer: closer, start: start)
            try expectEndOfEntry(key: entry.key)
            let folded = entry.key.lowercased()
            if !entry.key.isEmpty, let first = keyLines[folded] {
                throw SyntaxError("duplicate key “\(entry.key)” (first used on line \(first)); entry skipped")
            }
            if !entry.key.isEmpty { keyLines[folded] = entry.line }
            entries.append(entry)
        }
    }

    private mutating func parseFields(type: String, closer: UInt8, start: Int) throws -> BibTeXEntry {
        skipWhitespace()
        let key = keyToken(closer: closer)
        skipWhitespace()
        switch peek {
        case UInt8(ascii: ","): position += 1
        case closer where !key.isEmpty: break
        case UInt8(ascii: "="): throw SyntaxError("@\(type) entry has no key (“\(key)” is followed by “=”)")
        case _ where key.isEmpty: throw SyntaxError("@\(type) entry has no key")
        default: throw SyntaxError("missing “,” after the key “\(key)”")
        }
        let what = key.isEmpty ? "@\(type) entry" : "entry “\(key)”"
        var fields: [String: String] = [:]
        while true {
            skipWhitespace()
            guard let next = peek else { throw SyntaxError("\(what) is not closed at the end of the file (unbalanced braces)") }
            if next == closer { position += 1; break }
            let name = identifier().lowercased()
            guard !name.isEmpty else {
                throw SyntaxError("\(what): expected a field name, found “\(String(decoding: [next], as: UTF8.self))”")
            }
            skipWhitespace()
            guard peek == UInt8(ascii: "=") else { throw SyntaxError("\(what): missing “=” after field “\(name)”") }
            position += 1
            let value = try parseValue(field: name, in: what)
            if fields[name] == nil { fields[name] = value }
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                position += 1
            } else if peek != closer {
                throw SyntaxError("\(what): missing “,” after field “\(name)”")
            }
        }
        return BibTeXEntry(type: type, key: key, fields: fields, line: line(at: start))
    }

    /// Text after the closing brace on the same line means a brace too many closed the
    /// entry early; only another entry or a `%` comment may follow.
    private mutating func expectEndOfEntry(key: String) throws {
        var index = position
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") || bytes[index] == UInt8(ascii: "\r") {
            index += 1
        }
        guard index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "@"), bytes[index] != UInt8(ascii: "%") else { return }
        throw SyntaxError("entry “\(key)” ends early: text follows its closing brace (unbalanced braces)")
    }

    private mutating func parseMacros(closer: UInt8) throws {
        while true {
            skipWhitespace()
            if peek == closer { position += 1; return }
            let name = identifier().lowercased()
            skipWhitespace()
            guard !name.isEmpty, peek == UInt8(ascii: "=") else { throw SyntaxError("@string needs “name = value”") }
            position += 1
            macros[name] = try parseValue(field: name, in: "@string")
            skipWhitespace()
            if peek == UInt8(ascii: ",") { position += 1 } else if peek != closer {
                throw SyntaxError("@string: missing “,” or closing brace after “\(name)”")
            }
        }
    }

    // MARK: Values

    /// `{…}`, `"…"`, a number or a macro name, joined by `#`.
    private mutating func parseValue(field: String, in what: String) throws -> String {
        var value = ""
        while true {
            skipWhitespace()
            guard let next = peek else { throw SyntaxError("\(what): field “\(field)” has no value before the end of the file") }
            switch next {
            case UInt8(ascii: "{"): value += try delimited(until: UInt8(ascii: "}"), field: field, in: what)
            case UInt8(ascii: "\""): value += try delimited(until: UInt8(ascii: "\""), field: field, in: what)
            default:
                let word = identifier()
                guard !word.isEmpty else { throw SyntaxError("\(what): field “\(field)” has no value") }
                if word.allSatisfy(\.isNumber) {
                    value += word
                } else if let expansion = macros[word.lowercased()] {
                    value += expansion
                } else {
                    throw SyntaxError("\(what): unknown macro “\(word)” in field “\(field)”")
                }
            }
            skipWhitespace()
            guard peek == UInt8(ascii: "#") else { return value }
            position += 1
        }
    }

    /// The text between `{` and its matching `}`, or between two `"` at brace depth 0.
    private mutating func delimited(until end: UInt8, field: String, in what: String) throws -> String {
        position += 1
        let start = position
        var depth = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == end && depth == 0 {
                defer { position += 1 }
                return String(decoding: bytes[start..<position], as: UTF8.self)
            }
            switch byte {
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth < 0 { throw SyntaxError("\(what): field “\(field)” closes a brace it never opened") }
            case UInt8(ascii: "\\") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "\""):
                position += 1 // `\"u` does not end a quoted value; braces count even after `\`, as in bibtex
            case UInt8(ascii: "\n") where startsEntry(afterNewlineAt: position):
                throw SyntaxError("\(what): field “\(field)” is not closed before the next entry (unbalanced braces)")
            default: break
            }
            position += 1
        }
        throw SyntaxError("\(what): field “\(field)” is not closed at the end of the file (unbalanced braces)")
    }

    // MARK: Tokens

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Whitespace and, outside values, `%` comments to the end of the line.
    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): position += 1
            case UInt8(ascii: "%"):
                position = bytes[position...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            default: return
            }
        }
    }

    /// A type, field or macro name: letters, digits and `_-:.+/`.
    private mutating func identifier() -> String {
        let start = position
        while position < bytes.count, Self.isNameByte(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// The entry key: everything up to a comma, whitespace, brace or `=`.
    private mutating func keyToken(closer: UInt8) -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == closer || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "{")
                || byte == UInt8(ascii: "}") || byte <= UInt8(ascii: " ") { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "/"):
            return true
        default:
            return byte >= 0x80 // letters beyond ASCII in macro and field names
        }
    }

    private mutating func skipGroup(opener: UInt8, closer: UInt8, what: String) throws {
        var depth = 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == opener { depth += 1 } else if byte == closer {
                depth -= 1
                if depth == 0 { return }
            }
        }
        throw SyntaxError("\(what) is not closed at the end of the file")
    }

    /// Whether the line after the newline at `index` starts (after blanks) with `@name{` or `@name(`.
    private func startsEntry(afterNewlineAt index: Int) -> Bool {
        var cursor = index + 1
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "@") else { return false }
        cursor += 1
        let nameStart = cursor
        while cursor < bytes.count, Self.isNameByte(bytes[cursor]) { cursor += 1 }
        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
        return cursor > nameStart && cursor < bytes.count && (bytes[cursor] == UInt8(ascii: "{") || bytes[cursor] == UInt8(ascii: "("))
    }

    private func nextLineStartingWithAt(after index: Int) -> Int {
        var cursor = index + 1
        while let newline = bytes[cursor...].firstIndex(of: UInt8(ascii: "\n")) {
            cursor = newline + 1
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "@") { return cursor }
        }
        return bytes.count
    }

    /// The 1-based line of a byte offset; counts on from the last answer when it can.
    private mutating func line(at offset: Int) -> Int {
        if offset < lineCache.offset { lineCache = (0, 1) }
        let newlines = bytes[lineCache.offset..<offset].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        lineCache = (offset, lineCache.line + newlines)
        return lineCache.line
    }
}
