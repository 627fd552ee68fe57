import ArchivarCore

/// Splits a `.bib` file into entries, one at a time (`next()`): `@string` macros (with the
/// month macros predefined) as far as the file has defined them, `#` concatenation, braced
/// and quoted values, `@comment`, `@preamble` and text between entries skipped. A broken
/// entry becomes a problem naming its line; parsing goes on at the next `@` at the start
/// of a line, so one bad entry costs only itself.
///
/// A braced value that runs into a line starting with `@type{` is taken as an
/// unclosed brace: otherwise one missing `}` would swallow the rest of the file.
/// Spec: BibTeX file format as read by bibtex and biber (Btxdoc; biber manual §3).
struct BibTeXParser {
    /// What `next()` found: an entry, or a broken entry's problem.
    enum Item {
        case entry(BibTeXEntry)
        case problem(Problem)
    }

    private let bytes: [UInt8]
    private var position = 0
    private var macros = BibTeXParser.monthMacros
    /// Every key read so far (lowercased), with where its entry starts: for duplicates
    /// and for `lookUp(_:)`.
    private var readKeys: [String: (offset: Int, line: Int)] = [:]
    /// The keys after the position where `lookUp(_:)` was first asked for one not read yet.
    private var keysAhead: [String: (offset: Int, line: Int)]?
    private var lineCache = (offset: 0, line: 1)

    /// `jan` … `dec` expand to month numbers, as biber defines them.
    static let monthMacros: [String: String] = Dictionary(uniqueKeysWithValues:
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
            .enumerated().map { ($1, String($0 + 1)) })

    /// A parser over UTF-8 bytes (a leading byte-order mark is skipped).
    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    private struct SyntaxError: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The next entry or broken entry in the file; nil at its end.
    mutating func next() -> Item? {
        while let at = bytes[position...].firstIndex(of: UInt8(ascii: "@")) {
            position = at
            do {
                guard let entry = try parseEntry() else { continue }
                let folded = entry.key.lowercased()
                if !entry.key.isEmpty {
                    if let first = readKeys[folded] {
                        throw SyntaxError("duplicate key “\(entry.key)” (first used on line \(first.line)); entry skipped")
                    }
                    readKeys[folded] = (at, entry.line)
                }
                return .entry(entry)
            } catch let error as SyntaxError {
                position = nextLineStartingWithAt(after: at)
                return .problem(Problem(line: line(at: at), error.reason))
            } catch {
                preconditionFailure("the parser throws only SyntaxError")
            }
        }
        position = bytes.count
        return nil
    }

    /// Where an entry named in a `crossref` is, as `lookUp(_:)` found it.
    enum Lookup {
        /// The entry, read (again) from the bytes.
        case found(BibTeXEntry)
        /// Further on, but not readable from here: it uses a macro defined after this
        /// point, or it is broken. `next()` gets to it.
        case later
        /// No readable entry of the file has this key.
        case missing
    }

    /// The entry under `key` (compared as BibTeX does, ignoring case) wherever it is:
    /// before the current position (as biber allows) or after it (as BibTeX wants the
    /// parents of `crossref`). It is read again from the bytes, so no entry is kept after
    /// `next()` handed it out; macros expand as defined up to the current position.
    mutating func lookUp(_ key: String) -> Lookup {
        let folded = key.lowercased()
        if let start = readKeys[folded] { return entry(at: start).map(Lookup.found) ?? .missing }
        if keysAhead == nil { keysAhead = entriesAhead() }
        guard let start = keysAhead?[folded], start.offset >= position else { return .missing }
        return entry(at: start).map(Lookup.found) ?? .later
    }

    /// The entry that starts at `start`, read with the macros defined so far.
    private func entry(at start: (offset: Int, line: Int)) -> BibTeXEntry? {
        var reader = self
        reader.position = start.offset
        reader.lineCache = start
        return try? reader.parseEntry()
    }

    /// The first start of each key after the current position, from the `@type{key`
    /// heads alone (the fields are not read).
    private func entriesAhead() -> [String: (offset: Int, line: Int)] {
        var scanner = self
        var found: [String: (offset: Int, line: Int)] = [:]
        while let at = bytes[scanner.position...].firstIndex(of: UInt8(ascii: "@")) {
            scanner.position = at + 1
            guard let head = scanner.entryHead(), !["comment", "preamble", "string"].contains(head.type) else { continue }
            scanner.skipWhitespace()
            let key = scanner.keyToken(closer: head.closer).lowercased()
            if !key.isEmpty, found[key] == nil { found[key] = (at, scanner.line(at: at)) }
        }
        return found
    }

    // MARK: Entries

    /// The entry at `position` (an `@`), or nil for what is not one: `@comment`,
    /// `@preamble`, `@string` (whose macros it defines) and an `@` in text between entries.
    private mutating func parseEntry() throws -> BibTeXEntry? {
        let start = position
        position += 1
        guard let head = entryHead() else {
            return nil // an `@` in text between entries (an e-mail address): not an entry
        }
        switch head.type {
        case "comment", "preamble":
            try skipGroup(opener: head.opener, closer: head.closer, what: "@\(head.type)")
            return nil
        case "string":
            try parseMacros(closer: head.closer)
            return nil
        default:
            let entry = try parseFields(type: head.type, closer: head.closer, start: start)
            try expectEndOfEntry(key: entry.key)
            return entry
        }
    }

    /// After an `@`: the lowercased type and the `{` or `(` that opens the entry (now
    /// passed); nil when no name and opener follow.
    private mutating func entryHead() -> (type: String, opener: UInt8, closer: UInt8)? {
        let type = identifier().lowercased()
        skipWhitespace()
        guard !type.isEmpty, let opener = peek, opener == UInt8(ascii: "{") || opener == UInt8(ascii: "(") else { return nil }
        position += 1
        return (type, opener, opener == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: ")"))
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
