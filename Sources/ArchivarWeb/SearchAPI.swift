import ArchivarCore
import Foundation

/// The JSON of `/api/search`: the `SearchResults` fields (so it decodes into
/// `SearchResults`) plus `limit` and `page`; each hit's `snippet` is plain text and
/// `highlights` gives the matched passages as `start`/`length` in UTF-16 code units
/// (what JavaScript strings count).
struct SearchAPIResponse: Encodable {
    struct Highlight: Encodable, Equatable {
        let start: Int
        let length: Int
    }

    struct Hit: Encodable {
        let id: String
        let title: String
        let kind: String
        let type: String
        let year: Int?
        let creators: [String]
        let source: String?
        let snippet: String
        let highlights: [Highlight]
        let score: Double

        init(_ hit: SearchHit) {
            (id, title, kind, type, year, creators, source, score) =
                (hit.id, hit.title, hit.kind, hit.type, hit.year, hit.creators, hit.source, hit.score)
            (snippet, highlights) = Self.split(hit.snippet)
        }

        /// The snippet without `SnippetMarker`s, and where the marked passages are.
        static func split(_ marked: String) -> (String, [Highlight]) {
            var plain = ""
            var highlights: [Highlight] = []
            var openedAt: Int?
            for scalar in marked.unicodeScalars {
                switch String(scalar) {
                case SnippetMarker.open:
                    openedAt = plain.utf16.count
                case SnippetMarker.close:
                    if let start = openedAt { highlights.append(Highlight(start: start, length: plain.utf16.count - start)) }
                    openedAt = nil
                default:
                    plain.unicodeScalars.append(scalar)
                }
            }
            return (plain, highlights)
        }
    }

    let query: String
    let total: Int
    let offset: Int
    let limit: Int
    let page: Int
    let message: String?
    let hits: [Hit]

    init(_ results: SearchResults, parameters: SearchParameters) {
        query = results.query
        total = results.total
        offset = results.offset
        limit = parameters.limit
        page = parameters.page
        message = results.message
        hits = results.hits.map(Hit.init)
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
