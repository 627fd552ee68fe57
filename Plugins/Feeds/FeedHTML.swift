import ArchivarCore
import ArchivarMarkup

/// HTML a feed holds for an item's summary or content: the text of an element (RSS
/// `description`, `content:encoded`, Atom `type="html"`), read in place from the parsed
/// feed, or markup made from an element (escaped text, serialized XHTML, decoded base64).
enum FeedHTML {
    case textOf(MarkupNode)
    case markup(String)

    /// The markup as a string.
    var markup: String {
        switch self {
        case .textOf(let node): node.text
        case .markup(let markup): markup
        }
    }

    /// The markup sanitized by `sanitizer`, with its plain text.
    func sanitized(by sanitizer: HTMLSanitizer) -> SanitizedContent {
        switch self {
        case .textOf(let node): sanitizer.sanitizeContent(textOf: node)
        case .markup(let markup): sanitizer.sanitizeContent(markup)
        }
    }
}
