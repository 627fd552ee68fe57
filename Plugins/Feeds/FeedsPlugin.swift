import ArchivarCore
import ArchivarMarkup
import Foundation

/// The `rss` ingest plugin: RSS 0.9x/1.0 (RDF)/2.0 and Atom 0.3/1.0, detected from the
/// document itself. Parsed with libxml2 in recover mode: items before a break in the
/// XML are kept, and every parser error is reported with its line. The HTTP charset
/// wins over the XML declaration, a byte order mark over both (RFC 7303). Items are
/// read on the other cores while the document is still being parsed, then in batches,
/// the next on another core while the pipeline stores the last.
public enum FeedsPlugin {
    public static let plugins: [Plugin] = [
        .ingest("rss", summary: "RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 feeds (auto-detected)") { context in
            guard let document = try await context.fetchSource() else { return }
            let feed = try FeedDocument(document.data, url: document.url, source: context.source, charset: document.charset)
            for problem in feed.problems { context.report(problem) }
            var sifter = FeedDocument.Sifter(expecting: feed.count)
            // Small batches, up to 128 items read ahead of the one stored.
            try await feed.readInBatches(of: 16, ahead: 8) { items in
                for item in items {
                    let (record, problems) = sifter.take(item)
                    for problem in problems { context.report(problem) }
                    if let record { try await context.emit(record) }
                }
            }
        },
    ]
}
