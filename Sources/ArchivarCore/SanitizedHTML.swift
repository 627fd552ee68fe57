/// HTML that went through the sanitizer (`ArchivarMarkup.HTMLSanitizer`) or was built
/// by escaping. Pages embed only this type raw, never a plain string.
public struct SanitizedHTML: Sendable, Hashable {
    public let markup: String

    /// Only the sanitizer and the HTML builder create values (package access).
    package init(trusted markup: String) { self.markup = markup }
}
