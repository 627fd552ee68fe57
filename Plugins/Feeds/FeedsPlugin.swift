import ArchivarCore
import ArchivarMarkup
import Foundation

/// The `rss` ingest plugin: RSS 0.9x/1.0 (RDF)/2.0 and Atom 0.3/1.0, detected from the
/// document itself. Parsed with libxml2 in recover mode: items before a break in the
/// XML are kept, and every parser error is reported with its line. The HTTP charset
/// wins over the XML declaration, a byte order mark over both (RFC 7303).
public enum FeedsPlugin {
    public static let plugins: [Plugin] = [
        .ingest("rss", summary: "RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 feeds (auto-detected)") { context in
            guard let document = try await context.fetchSource() else { return }
            let items = try FeedParser.parse(document.data, url: document.url, source: context.source,
                                             charset: document.charset)
            for problem in items.problems { context.report(problem) }
            for record in items.records { try await context.emit(record) }
        },
    ]
}
