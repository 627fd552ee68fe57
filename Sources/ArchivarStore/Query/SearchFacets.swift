import ArchivarCore
import ArchivarHTML
import Foundation

/// The facets of a search (SPEC §8) from the counts over the whole matching set
/// (`CatalogDigest`): each value with its label, the query clause that narrows to it and
/// whether the query already does.
struct SearchFacets {
    /// The most values one facet lists; types, sources, kinds and years have fewer anyway,
    /// authors are cut to the most frequent.
    static let valueLimit = 20

    let query: String
    /// The top-level parts of the query (its AND), to tell which values it already selects.
    let conjuncts: [QueryNode]

    /// The facets in `SearchFacetField` order, fields without values left out; a person is
    /// shown as `personLabel` gives their key.
    func facets(from counts: [SearchFacetField: [String: Int]], personLabel: (String) throws -> String) throws -> [SearchFacet] {
        let facets = try SearchFacetField.allCases.map { field -> SearchFacet in
            let values = (counts[field] ?? [:]).filter { !$0.key.isEmpty }
            switch field {
            case .author:
                let people = values.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(Self.valueLimit)
                return SearchFacet(field: field, values: try people.map {
                    value(field, $0.key, label: try personLabel($0.key), count: $0.value)
                })
            case .year:
                let years = values.sorted { (Int($0.key) ?? 0) > (Int($1.key) ?? 0) }.prefix(Self.valueLimit)
                return SearchFacet(field: field, values: years.map { value(field, $0.key, label: $0.key, count: $0.value) })
            case .type, .source, .kind:
                let sorted = values.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(Self.valueLimit)
                return SearchFacet(field: field, values: sorted.map { value(field, $0.key, label: Self.label(field, $0.key), count: $0.value) })
            }
        }
        return facets.filter { !$0.values.isEmpty }
    }

    private func value(_ field: SearchFacetField, _ value: String, label: String, count: Int) -> SearchFacetValue {
        let filter = Self.filter(field, field == .author ? label : value)
        let selected = conjuncts.contains { Self.node($0, selects: field, value) }
        return SearchFacetValue(value: value, label: label, count: count, filter: filter,
                                query: selected ? Self.query(query, without: filter) : query + " " + filter, selected: selected)
    }

    /// The query clause for `value` of `field`: `type:book`, `year:2019`, `author:"Fischer, Jörg"`;
    /// quoted unless it is one plain word.
    static func filter(_ field: SearchFacetField, _ value: String) -> String {
        let plain = !value.isEmpty && value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            && !value.hasPrefix("-")
        let quoted = plain && field != .author ? value : "\"" + value.replacingOccurrences(of: "\"", with: "") + "\""
        return field.rawValue + ":" + quoted
    }

    /// What a visitor reads: the German name of a type or kind (the search page shows
    /// them in its own language), the year, the source id.
    private static func label(_ field: SearchFacetField, _ value: String) -> String {
        switch field {
        case .type: german.typeName(value)
        case .kind: german.kindName(value)
        case .year, .source, .author: value
        }
    }

    private static let german = UIStrings(language: "de")

    /// Whether `node`, a part every match meets, narrows to `value` of `field`.
    private static func node(_ node: QueryNode, selects field: SearchFacetField, _ value: String) -> Bool {
        switch (node, field) {
        case (.filter(.equals(let column, let wanted)), _):
            return column.rawValue == field.rawValue && wanted.caseInsensitiveCompare(value) == .orderedSame
        case (.filter(.years(let from?, let through?)), .year):
            return from == through && String(from) == value
        case (.text(let text), .author):
            return PersonFilter(text)?.keys.contains(value) == true
        default:
            return false
        }
    }

    /// `query` without the clause `filter` where it stands as written (as a facet link put
    /// it there); else `query` unchanged.
    static func query(_ query: String, without filter: String) -> String {
        var searched = query.startIndex..<query.endIndex
        while let range = query.range(of: filter, options: .backwards, range: searched) {
            let startsPart = range.lowerBound == query.startIndex || query[query.index(before: range.lowerBound)].isWhitespace
            let endsPart = range.upperBound == query.endIndex || query[range.upperBound].isWhitespace
            if startsPart, endsPart {
                let parts = [query[..<range.lowerBound], query[range.upperBound...]]
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                return parts.joined(separator: " ")
            }
            searched = query.startIndex..<range.lowerBound
        }
        return query
    }
}

extension QueryNode {
    /// The parts every match meets: the parts of a top-level AND, or the node itself.
    var conjuncts: [QueryNode] {
        if case .all(let parts) = self { return parts }
        return [self]
    }
}
