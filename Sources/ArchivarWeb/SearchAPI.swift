import ArchivarCore
import ArchivarHTML
import Foundation

/// `/api/search?q=…&page=…&limit=…` (and the filters of `SearchParameters`): the
/// results as `SearchJSON`. A parameter that cannot be used is a 400 whose JSON says
/// which and why, never a 500.
struct SearchAPI {
    let catalog: any CatalogReader
    let strings: UIStrings

    func response(to request: HTTPRequest) throws -> HTTPResponse {
        let parameters: SearchParameters
        do {
            parameters = try SearchParameters(validating: request)
        } catch {
            return .json(.badRequest, JSONValue.object([
                "error": .string(strings["error.badrequest.title"]),
                "parameter": .string(error.parameter),
                "message": .string(message(for: error)),
            ]).canonicalData())
        }
        let results: SearchResults
        do {
            results = try parameters.results(from: catalog, emptyMessage: strings["search.empty"])
        } catch {
            throw HTTPError(.internalServerError, "search failed", underlying: error)
        }
        return .json(.ok, try SearchJSON.encode(results))
    }

    private func message(for error: SearchParameterError) -> String {
        let (key, maximum) = switch error {
        case .page: ("search.invalid.page", SearchParameters.maximumPage)
        case .limit: ("search.invalid.limit", SearchParameters.maximumLimit)
        case .queryTooLong: ("search.invalid.q", SearchParameters.maximumQueryLength)
        }
        return strings.format(key, ["max": String(maximum)])
    }
}

/// The JSON of a search, the same bytes from `/api/search` and `archivar search --json`:
/// the `SearchResults` fields (so it decodes into `SearchResults`: hits with plain
/// snippets and highlight offsets in UTF-16 code units, facets, suggestion, message)
/// plus `page`, the page number `offset` and `limit` give. Keys sorted, no white space.
public enum SearchJSON {
    /// The encoded results.
    public static func encode(_ results: SearchResults) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Paged(results: results))
    }

    private struct Paged: Encodable {
        let results: SearchResults

        private enum CodingKeys: String, CodingKey { case page }

        func encode(to encoder: any Encoder) throws {
            try results.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(results.offset / max(1, results.limit) + 1, forKey: .page)
        }
    }
}
