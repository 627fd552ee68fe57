import ArchivarCore
import ArchivarHTML

/// The readable search results `archivar search` prints: a heading with the count,
/// the notes (what the query language could not read, „Meinten Sie …?“), one block per
/// hit (number, title and year; type, people and id; the snippet with its matched words
/// emphasised) and the facet counts. In the site's language, like the search page.
struct SearchListing {
    /// How matched words stand out: bold on a terminal, `[brackets]` in a file or pipe.
    enum Emphasis {
        case bold
        case brackets

        func apply(_ text: String) -> String {
            switch self {
            case .bold: "\u{1B}[1m" + text + "\u{1B}[22m"
            case .brackets: "[" + text + "]"
            }
        }
    }

    /// Facet values listed per field.
    private static let facetValues = 5

    let results: SearchResults
    let strings: UIStrings
    let emphasis: Emphasis

    var text: String {
        var lines = [strings.searchHeading(results)]
        if let message = results.message { lines.append(message) }
        if let suggestion = results.suggestion { lines.append("\(strings["search.suggestion"]): \(suggestion)?") }
        let width = String(results.offset + results.hits.count).count
        for (index, hit) in results.hits.enumerated() {
            lines.append("")
            lines += block(hit, number: results.offset + index + 1, width: width)
        }
        let facets = results.facets.filter { !$0.values.isEmpty }
        if !facets.isEmpty {
            lines += ["", strings["search.facets"] + ":"]
            for facet in facets {
                var values = facet.values.prefix(Self.facetValues).map { "\(strings.facetLabel($0, of: facet.field)) (\($0.count))" }
                if facet.values.count > Self.facetValues { values.append("…") }
                lines.append("  \(strings.facetName(facet.field)): \(values.joined(separator: ", "))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Number, title and year; type, people, id; the snippet.
    private func block(_ hit: SearchHit, number: Int, width: Int) -> [String] {
        let indent = String(repeating: " ", count: width + 2)
        let numberText = String(repeating: " ", count: width - String(number).count) + "\(number). "
        var lines = [numberText + Self.oneLine(hit.title) + (hit.year.map { " (\($0))" } ?? "")]
        let kind = hit.kind == RecordKind.publication ? "" : strings.kindName(hit.kind)
        let facts = [kind, strings.typeName(hit.type), hit.creators.joined(separator: ", "), hit.id].filter { !$0.isEmpty }
        lines.append(indent + facts.joined(separator: " · "))
        let snippet = hit.snippetParts.map { $0.isHighlighted ? emphasis.apply(String($0.text)) : String($0.text) }.joined()
        if !snippet.isEmpty { lines.append(indent + Self.oneLine(snippet)) }
        return lines
    }

    /// `text` with every run of white space (line breaks too) as one space, trimmed.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
