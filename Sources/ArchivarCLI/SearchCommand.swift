import ArchivarCore
import ArchivarHTML
import ArchivarWeb
import Foundation

extension CommandHelp {
    static let search = CommandHelp(
        name: "search", usage: "search QUERY [--json] [--limit N] [--page N]",
        summary: "Search the catalog: words (all must match), \"phrases\", OR, -word, prefix*, fields and filters.",
        options: [("--json", "print the results as JSON, byte for byte what /api/search answers"),
                  ("--limit N", "at most N results per page (default \(SearchParameters.pageSize), at most \(SearchParameters.maximumLimit))"),
                  ("--page N", "the Nth page of results (default 1)")],
        valued: ["limit", "page"],
        details: [
            "query syntax:",
            "  Planung Steuerung             every word must occur (case and umlauts do not matter)",
            "  \"kommunale Planung\"           a phrase: these words together, in this order",
            "  Planung OR Steuerung          either one (OR in capitals; \"a b OR c\" means \"(a b) OR c\")",
            "  -Bericht  -\"a b\"  -(a OR b)   leave out what matches (NOT Bericht is the same)",
            "  Plan*                         words beginning with Plan",
            "  title:Planung  author:Fischer only in the title / only among the people",
            "  author:\"Hilse-Carstensen\"    a field's value may be quoted or grouped: title:(Planung OR Steuerung)",
            "  type:book  kind:press  source:inso   only records of this type, kind or source",
            "  year:2019  year:2019..2022  year:..2010  year:2019..   a year or a range of years",
            "  Präventionsketten 2024        a bare year is the number in the text or the year of publication",
            "  ( … )                         groups; AND (in capitals) may be written, changes nothing",
            "A query that cannot be read in full is searched for what could be, with a note saying what was wrong.",
            "The list ends with the counts by type, year, person, source and kind: add e.g. type:book to narrow down.",
        ])
}

extension Commands {
    /// `search QUERY [--json] [--limit N] [--page N]`: a readable list in the site's
    /// language, or the JSON of `/api/search` for the same query.
    func search(_ arguments: Arguments) throws -> Int32 {
        let text = arguments.positional.joined(separator: " ")
        guard !text.allSatisfy(\.isWhitespace) else { throw UsageError("search needs a QUERY") }
        let parameters: SearchParameters
        do {
            parameters = try SearchParameters(text: text, page: arguments.value("page"), limit: arguments.value("limit"))
        } catch {
            let problem = switch error {
            case .page: "--page must be a whole number from 1 to \(SearchParameters.maximumPage)"
            case .limit: "--limit must be a whole number from 1 to \(SearchParameters.maximumLimit)"
            case .queryTooLong: "the query is longer than \(SearchParameters.maximumQueryLength) characters"
            }
            throw UsageError(problem)
        }
        let results = try workspace.openCatalog().search(parameters.query)
        if arguments.flag("json") {
            FileHandle.standardOutput.write(try SearchJSON.encode(results) + Data("\n".utf8))
            return 0
        }
        let environment = ProcessInfo.processInfo.environment
        let emphasis: SearchListing.Emphasis = isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb" ? .bold : .brackets
        print(SearchListing(results: results, strings: UIStrings(language: workspace.config.language), emphasis: emphasis).text)
        return 0
    }
}
