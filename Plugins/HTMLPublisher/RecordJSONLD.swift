import ArchivarCore
import ArchivarHTML

/// A schema.org description of the record as JSON-LD, for search engines.
/// Spec: schema.org (CreativeWork and its types); JSON-LD 1.1 §7.3 "Embedding JSON-LD in HTML Documents".
enum RecordJSONLD {
    /// `<script type="application/ld+json">` with the description. `<`, `>` and `&` are
    /// written as `\u003c`… escapes, so no `</script>` or `<!--` can appear inside.
    static func node(for record: Record, canonical: String) -> HTMLNode {
        let json = String(decoding: object(for: record, canonical: canonical).canonicalData(), as: UTF8.self)
        var escaped = ""
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": escaped += "\\u003c"
            case ">": escaped += "\\u003e"
            case "&": escaped += "\\u0026"
            case "\u{2028}": escaped += "\\u2028"
            case "\u{2029}": escaped += "\\u2029"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return .element("script", [("type", "application/ld+json")], [.sanitized(SanitizedHTML(trusted: escaped))])
    }

    static func object(for record: Record, canonical: String) -> JSONValue {
        var object: [String: JSONValue] = [
            "@context": .string("https://schema.org"),
            "@type": .string(schemaType(record.type)),
            "@id": .string(canonical),
            "url": .string(canonical),
            "name": .string(record.displayTitle),
        ]
        if !record.authors.isEmpty { object["author"] = .array(record.authors.map(person)) }
        if !record.editors.isEmpty { object["editor"] = .array(record.editors.map(person)) }
        if let date = DisplayDate(record: record, language: "en") { object["datePublished"] = .string(date.machine) }
        if let publisher = record.publisher {
            var organization: [String: JSONValue] = ["@type": .string("Organization"), "name": .string(publisher)]
            if let place = record.publisherPlace { organization["location"] = .string(place) }
            object["publisher"] = .object(organization)
        }
        if let container = record.containerTitle {
            object["isPartOf"] = .object(["@type": .string("CreativeWork"), "name": .string(container)])
        }
        if let description = record.abstract ?? record.summary { object["description"] = .string(description) }
        if let isbn = record.isbn { object["isbn"] = .string(isbn) }
        if let doi = record.doi { object["identifier"] = .string("https://doi.org/" + doi) }
        if let original = record.originalLink { object["sameAs"] = .string(original) }
        if let language = record.language { object["inLanguage"] = .string(language) }
        if let keywords = record.text("keyword") { object["keywords"] = .string(keywords) }
        if let pages = record.text("number-of-pages").flatMap({ Int($0) }) { object["numberOfPages"] = .number(Double(pages)) }
        return .object(object)
    }

    /// A person, or an organization for a `literal` name.
    private static func person(_ name: Name) -> JSONValue {
        if let literal = name.literal {
            return .object(["@type": .string("Organization"), "name": .string(literal)])
        }
        var object: [String: JSONValue] = ["@type": .string("Person"), "name": .string(name.displayName)]
        if let family = name.family { object["familyName"] = .string(family) }
        if let given = name.given { object["givenName"] = .string(given) }
        return .object(object)
    }

    /// The schema.org type for a CSL-JSON type.
    private static func schemaType(_ type: String) -> String {
        switch type {
        case "book": return "Book"
        case "chapter": return "Chapter"
        case "article-journal": return "ScholarlyArticle"
        case "article-newspaper": return "NewsArticle"
        case "article-magazine", "article", "post": return "Article"
        case "periodical": return "PublicationIssue"
        case "report": return "Report"
        case "thesis": return "Thesis"
        case "webpage": return "WebPage"
        case "post-weblog": return "BlogPosting"
        default: return "CreativeWork"
        }
    }
}
