import ArchivarCore
import ArchivarMarkup

/// The XPath selectors of a `scrape` source, compiled once. They sit in the source's
/// `selectors` object (so that the source's own `title` stays its display name):
/// `item` selects the item elements of the page; `title`, `link`, `date` and
/// `summary` are evaluated against each item (`.//h2`).
public struct ScrapeSelectors {
    /// One compiled selector and the setting it came from, for messages.
    public struct Selector {
        /// The key inside `selectors` (`item`, `title`, …).
        public let key: String
        public let xpath: XPath
    }

    /// Selects the items of the page (required).
    public let item: Selector
    /// An item's title (required): an item without one is skipped and reported.
    public let title: Selector
    /// An item's link, usually an `@href`, resolved against the page (or its `<base href>`).
    public let link: Selector?
    /// An item's date, read by `DateText` (ISO 8601, RFC 822, German `04.11.2022`).
    public let date: Selector?
    /// An item's summary, kept as plain text.
    public let summary: Selector?
    let source: SourceDefinition

    /// Reads and compiles the selectors of `source`; an error names the file, the key and the expression.
    public init(source: SourceDefinition) throws {
        self.source = source
        item = try Self.required("item", in: source)
        title = try Self.required("title", in: source)
        link = try Self.optional("link", in: source)
        date = try Self.optional("date", in: source)
        summary = try Self.optional("summary", in: source)
    }

    /// Evaluates `selector` against `node`; an error names the key and the expression.
    func evaluate(_ selector: Selector, on node: MarkupNode) throws -> XPathValue {
        do {
            return try node.evaluate(selector.xpath)
        } catch let error as XPathError {
            throw Self.error(source, key: selector.key, "\"\(selector.xpath.expression)\" could not be evaluated: \(error.reason)")
        }
    }

    private static func required(_ key: String, in source: SourceDefinition) throws -> Selector {
        guard let selector = try optional(key, in: source) else {
            throw error(source, key: key, "the scrape plugin needs an XPath selector here")
        }
        return selector
    }

    private static func optional(_ key: String, in source: SourceDefinition) throws -> Selector? {
        guard let expression = source.settings["selectors"]?.object?[key]?.text, !expression.isEmpty else { return nil }
        do {
            return Selector(key: key, xpath: try XPath(expression))
        } catch let failure as XPathError {
            throw error(source, key: key, "\"\(expression)\" is not a valid XPath expression: \(failure.reason)")
        }
    }

    /// A failure of the source that names its file and the setting concerned.
    private static func error(_ source: SourceDefinition, key: String, _ message: String) -> ArchivarError {
        ArchivarError(stage: "scrape", path: source.file.isEmpty ? source.id : source.file, location: "key \"selectors.\(key)\"", message)
    }
}
