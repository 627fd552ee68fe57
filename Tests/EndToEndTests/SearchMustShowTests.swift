import ArchivarCore
import Foundation
import Testing

/// Issue 5's "must show" on the bundled samples, through the built binary: what visitors
/// type finds the record they mean on the first page, with facets to narrow down, and a
/// typo gets „Meinten Sie …?“. `archivar search --json` prints `SearchResults`.
@Suite(.serialized) struct SearchMustShowTests {
    @Test func visitorQueriesFindTheRecordMeantOnTheFirstPage() throws {
        let site = try ArchivarSite()
        let harvest = try site.run("harvest", "--all")
        #expect(harvest.status == 0, "\(harvest.stderr)")
        func search(_ text: String) throws -> SearchResults {
            let run = try site.run("search", text, "--json")
            #expect(run.status == 0, "\(text): \(run.stderr)")
            return try JSONDecoder().decode(SearchResults.self, from: Data(run.stdout.utf8))
        }
        func firstPage(_ text: String) throws -> [SearchHit] {
            let results = try search(text)
            #expect(results.total >= results.hits.count && results.limit == 20, "\(text)")
            return results.hits
        }

        for spelling in ["Flüchtlinge", "fluechtlinge", "FLUECHTLINGE"] {
            #expect(try firstPage(spelling).first?.id == "fischer2016unbegleitete", "\(spelling)")
        }
        let planning = try firstPage("Planung")
        #expect(planning.contains { $0.id == "fischer2022handbuch" })
        #expect(planning.contains { $0.title.contains("Jugendhilfeplanung") })
        let youthPlanning = try firstPage("Jugendhilfeplanung Thüringen")
        #expect(youthPlanning.first?.title.contains("Jugendhilfeplanung") == true)
        #expect(try firstPage("\"kommunale Planung\"").first?.id == "fischer2022handbuch")
        let editor = try firstPage("Hilse-Carstensen")
        #expect(editor.prefix(3).allSatisfy { $0.creators.contains("Theresa Hilse-Carstensen") })
        #expect(editor.prefix(3).allSatisfy { $0.snippetParts.contains { $0.isHighlighted && $0.text == "Hilse-Carstensen" } })
        let chains = try firstPage("Präventionsketten 2024")
        #expect(chains.first?.title == "Beiratssitzung “Thüringer Präventionsketten”")
        #expect(chains.first?.year == 2024)

        // Facets over all matches, each a query that narrows to its count.
        let results = try search("Planung")
        let press = try #require(results.facets.first { $0.field == .kind }?.values.first { $0.value == RecordKind.press })
        #expect(press.label == "Presse")
        #expect(try search(press.query).total == press.count)

        // Typos in the catalog's words.
        for (typed, meant) in ["Flüchtlnge": "Flüchtlinge", "Fluechtlnge": "Flüchtlinge", "Thüringn": "Thüringen",
                               "Thueringn": "Thüringen", "Jugendhilfeplannung": "Jugendhilfeplanung"] {
            let typo = try search(typed)
            #expect(typo.total == 0, "\(typed)")
            #expect(typo.suggestion == meant, "\(typed)")
        }
    }
}
