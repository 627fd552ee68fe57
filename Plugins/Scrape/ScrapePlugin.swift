import ArchivarCore
import ArchivarMarkup

/// The `scrape` ingest plugin: a partner's web page without a feed, read with libxml2's
/// HTML parser and cut into items by the XPath selectors in the source file
/// (`item`, `title`, and optionally `link`, `date`, `summary`).
public enum ScrapePlugin {
    public static let plugins: [Plugin] = [
        .ingest("scrape", summary: "a web page without a feed, cut into items by XPath selectors") { context in
            let selectors = try ScrapeSelectors(source: context.source)
            guard let page = try await context.fetchSource() else { return }
            let result = try PageScraper(selectors: selectors, source: context.source).scrape(page)
            for problem in result.problems { context.report(problem) }
            for record in result.records { try await context.emit(record) }
        },
    ]
}
