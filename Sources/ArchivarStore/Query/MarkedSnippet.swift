import ArchivarCore

/// The snippets of a page of hits. FTS5's `snippet()` marks matched words with two control
/// characters that never occur in indexed text (`SearchText` replaces them, see
/// `withoutMarkers`); `plain` turns such a snippet into plain text and the highlights'
/// UTF-16 offsets. Spec: https://sqlite.org/fts5.html#the_snippet_function
enum MarkedSnippet {
    static let open: Unicode.Scalar = "\u{2}"
    static let close: Unicode.Scalar = "\u{3}"
    /// Words (tokens) per snippet.
    static let length = 32

    /// `text` with the marker characters replaced by spaces: what `SearchText` stores, so a
    /// marker in a snippet is always one FTS5 put there.
    static func withoutMarkers(_ text: String) -> String {
        // Over the contiguous bytes: every indexed text passes here, most of them clean.
        var text = text
        let (openByte, closeByte) = (UInt8(open.value), UInt8(close.value))
        guard text.withUTF8({ $0.contains { $0 == openByte || $0 == closeByte } }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == open || $0 == close ? " " : $0 }))
    }

    /// The snippet without markers, and where the marked words are in it: whole words, also
    /// where FTS5 marked one piece of a hyphenated word (`Hilse-Carstensen` is indexed at the
    /// position of `Hilse`).
    static func plain(_ marked: String) -> (text: String, highlights: [SnippetHighlight]) {
        let (text, highlights) = unmarked(marked)
        return (text, wholeWords(highlights, in: text))
    }

    private static func unmarked(_ marked: String) -> (text: String, highlights: [SnippetHighlight]) {
        var text = ""
        var highlights: [SnippetHighlight] = []
        var openedAt: Int?
        var length = 0
        for scalar in marked.unicodeScalars {
            switch scalar {
            case open:
                openedAt = length
            case close:
                if let start = openedAt, length > start { highlights.append(SnippetHighlight(start: start, length: length - start)) }
                openedAt = nil
            default:
                text.unicodeScalars.append(scalar)
                length += scalar.utf16.count
            }
        }
        return (text, highlights)
    }

    /// `highlights` widened over the joiners (`-`, `’`) of the word they are in and merged
    /// where they then touch, as `WordSegmenter` joins pieces into one word.
    static func wholeWords(_ highlights: [SnippetHighlight], in text: String) -> [SnippetHighlight] {
        let scalars = Array(text.unicodeScalars)
        // The UTF-16 offset of each scalar, and of the end.
        var offsets = [0]
        offsets.reserveCapacity(scalars.count + 1)
        for scalar in scalars { offsets.append(offsets[offsets.count - 1] + scalar.utf16.count) }
        let isWordScalar = { (index: Int) in scalars[index].properties.isAlphabetic || scalars[index].properties.numericType != nil }
        let isJoiner = { (index: Int) in joiners.contains(scalars[index]) }
        var widened: [SnippetHighlight] = []
        for highlight in highlights {
            guard var start = offsets.firstIndex(of: highlight.start),
                  var end = offsets.firstIndex(of: highlight.start + highlight.length) else { continue }
            while end + 1 < scalars.count, isJoiner(end), isWordScalar(end + 1) {
                end += 1
                while end < scalars.count, isWordScalar(end) { end += 1 }
            }
            while start >= 2, isJoiner(start - 1), isWordScalar(start - 2) {
                start -= 1
                while start > 0, isWordScalar(start - 1) { start -= 1 }
            }
            if let last = widened.last, last.start + last.length >= offsets[start] {
                widened[widened.count - 1].length = max(last.start + last.length, offsets[end]) - last.start
            } else {
                widened.append(SnippetHighlight(start: offsets[start], length: offsets[end] - offsets[start]))
            }
        }
        return widened
    }

    /// What joins the pieces of one word: hyphens and apostrophes.
    private static let joiners: Set<Unicode.Scalar> = ["-", "\u{2010}", "\u{2011}", "'", "\u{2019}"]

    /// The best passage of each record of `rows` (rowids) for the FTS5 expression `match`:
    /// from the abstract or the body, whichever has more of the matched words (the abstract
    /// when even). When the words matched only in the title or the creators, which a hit
    /// shows anyway, the start of the abstract (else the body) gives the context; a record
    /// with neither gets its title, highlighted.
    ///
    /// FTS5 looks the rows up one by one, setting the expression up again for each; that is
    /// cheap for words but not for a prefix, whose matching terms FTS5 merges anew every
    /// time (`Jugend*`: about 20 ms a row at 100,000 records). With `hasPrefix` the rows are
    /// read in one pass over the matches between the page's first and last rowid instead
    /// (the `+` keeps SQLite from turning the `IN` into lookups). That pass also suits a
    /// prefix written as the OR of its terms (`PrefixExpansion`): looked up row by row, an
    /// OR of dozens of terms seeks each term's list for every row.
    static func best(for rows: [Int64], match: String, hasPrefix: Bool, in connection: Connection) throws -> [Int64: (text: String, highlights: [SnippetHighlight])] {
        guard let first = rows.min(), let last = rows.max() else { return [:] }
        let list = Array(repeating: "?", count: rows.count).joined(separator: ", ")
        let markers: [SQLValue] = [.text(String(open)), .text(String(close))]
        let scope = hasPrefix ? "rowid BETWEEN ?4 AND ?5 AND +rowid IN (\(list))" : "rowid IN (\(list))"
        let bounds: [SQLValue] = hasPrefix ? [.integer(first), .integer(last)] : []
        var snippets: [Int64: (text: String, highlights: [SnippetHighlight])] = [:]
        // The number of rows varies, so the statement is prepared for this page only.
        try Statement("""
            SELECT rowid, snippet(records_fts, 2, ?1, ?2, '…', \(length)), snippet(records_fts, 3, ?1, ?2, '…', \(length)),
                   snippet(records_fts, 0, ?1, ?2, '…', \(length))
            FROM records_fts WHERE records_fts MATCH ?3 AND \(scope)
            """, connection: connection).run(markers + [.text(match)] + bounds + rows.map { .integer($0) }) { row in
            let abstract = plain(row.text(1) ?? "")
            let body = plain(row.text(2) ?? "")
            let best = if abstract.text.isEmpty && body.text.isEmpty {
                plain(row.text(3) ?? "")
            } else if body.highlights.count > abstract.highlights.count || abstract.text.isEmpty {
                body
            } else {
                abstract
            }
            snippets[Int64(row.int(0) ?? 0)] = best
        }
        return snippets
    }
}
