import ArchivarCore
import ArchivarMarkup
import Foundation

/// The `normalize` and `dedupe` transforms.
public enum NormalizePlugin {
    public static let plugins: [Plugin] = [
        .transform("normalize", summary: "Unicode NFC, trimmed text, sanitized HTML, a title for untitled items") { record, context in
            Normalizer.normalize(record, report: context.report)
        },
        .transform("dedupe", summary: "merges a record into the stored one for the same work or item") { record, context in
            try Deduplicator(catalog: context.catalog, source: context.source.id).resolve(record)
        },
    ]
}

/// Cleans one record's text (SPEC §3: NFC, trimmed, typographic quotes kept; HTML
/// sanitized through the allow-list).
enum Normalizer {
    static func normalize(_ record: Record, report: (Problem) -> Void) -> Record? {
        var result = Record(id: TextFolding.clean(record.id))
        for (field, value) in record.fields {
            if field == "content", let html = value.text {
                // `content` holds HTML; every other string is plain text. What the sanitizer
                // made in this process (the rss plugin's content) is not parsed again.
                result.setContent(record.sanitizedContent ?? HTMLSanitizer().sanitizeContent(TextFolding.nfc(html)))
            } else {
                result[field] = cleaned(value)
            }
        }
        if result.title == nil {
            guard result.kind != RecordKind.publication else {
                report(Problem("record \(record.id): has no title; a publication without a title is not stored"))
                return nil
            }
            let text = result.summary ?? result.sanitizedContent?.plainText ?? ""
            guard !text.isEmpty else {
                report(Problem("record \(record.id): has neither title nor text; not stored"))
                return nil
            }
            result.title = TextFolding.firstWords(text, count: 8)
        }
        return result
    }

    /// Strings cleaned (NFC, trimmed, collapsed white space); empty strings removed.
    static func cleaned(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .string(let text):
            let clean = TextFolding.clean(text)
            return clean.isEmpty ? nil : .string(clean)
        case .array(let items):
            let kept = items.compactMap(cleaned)
            return kept.isEmpty ? nil : .array(kept)
        case .object(let object):
            let kept = object.compactMapValues(cleaned)
            return kept.isEmpty ? nil : .object(kept)
        case .null:
            return nil
        case .bool, .number:
            return value
        }
    }
}
