/// A record's `content` as the HTML sanitizer made it, with the plain text of what it
/// kept: both come from one parse (`HTMLSanitizer.sanitizeContent`).
public struct SanitizedContent: Sendable {
    /// The sanitized markup.
    public let html: SanitizedHTML
    /// Its readable text as collected; made a string only when asked for (the search index
    /// asks, `inspect` does not).
    private let text: CleanText

    /// Only the sanitizer creates values (package access): JSON from an external
    /// plugin can never claim to be sanitized.
    package init(html: SanitizedHTML, plainText: CleanText) {
        self.html = html
        text = plainText
    }

    /// Its readable text, white space collapsed: what the search index holds.
    public var plainText: String { text.text }
}

extension Record {
    /// Sets `content` to sanitized markup. Later stages read it back through
    /// `sanitizedContent` and need not parse it again.
    public mutating func setContent(_ content: SanitizedContent) {
        self.content = content.html.markup
        sanitized = SanitizedMark(content: self.content == nil ? nil : content)
    }

    /// `content` as the sanitizer made it in this process; nil when the record came from
    /// anywhere else (JSON read from a file or an external program) or `content` changed since.
    public var sanitizedContent: SanitizedContent? {
        guard let content = sanitized.content, case .string(let markup)? = self["content"],
              markup == content.html.markup else { return nil }
        return content
    }
}

/// How a record's `content` was made: a note beside the record, not part of its value.
/// Records compare and hash equal whatever it holds, and it is never written out.
struct SanitizedMark: Sendable, Hashable {
    var content: SanitizedContent?

    static func == (_: SanitizedMark, _: SanitizedMark) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
