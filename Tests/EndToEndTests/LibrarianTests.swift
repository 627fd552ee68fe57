import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// The librarian's commands through the built binary: `add` (by fields and from a citation
/// line), `edit`, `remove`, and what a later harvest does with edited and removed records.
@Suite(.serialized) struct LibrarianTests {
    /// The ids of the records a search finds.
    private func ids(_ site: ArchivarSite, searching words: String) throws -> [String] {
        let outcome = try site.run("search", words, "--json")
        let results = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        return (results?["hits"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    /// One record as CSL-JSON (`show --format csl-json`).
    private func item(_ site: ArchivarSite, _ id: String) throws -> [String: Any] {
        let outcome = try site.run("show", id, "--format", "csl-json")
        let items = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]]
        return items?.first ?? [:]
    }

    @Test func addByFieldsThenSearchFindsIt() throws {
        let site = try ArchivarSite()
        let add = try site.run("add", "--title", "Kommunale Sozialplanung in Thüringen",
                               "--author", "Hilse-Carstensen, Theresa", "--author", "Fischer, Jörg", "--year", "2024",
                               "--type", "report", "--publisher", "IKPE", "--place", "Erfurt",
                               "--isbn", "978-3-7799-3407-3", "--doi", "https://doi.org/10.3262/SM2301",
                               "--keyword", "Sozialplanung", "--keyword", "Thüringen")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.hasPrefix("Added hilsecarstensen2024kommunale\n"))
        #expect(add.stdout.contains("Hilse-Carstensen, Theresa/Fischer, Jörg (2024): Kommunale Sozialplanung in Thüringen. Erfurt: IKPE."))

        #expect(try ids(site, searching: "Sozialplanung Thüringen") == ["hilsecarstensen2024kommunale"])
        let stored = try item(site, "hilsecarstensen2024kommunale")
        #expect(stored["type"] as? String == "report")
        #expect((stored["author"] as? [[String: String]])?.map { $0["family"] ?? "" } == ["Hilse-Carstensen", "Fischer"])
        #expect(stored["ISBN"] as? String == "978-3-7799-3407-3")
        #expect(stored["DOI"] as? String == "10.3262/SM2301", "a DOI is stored bare")
        #expect(stored["keyword"] as? String == "Sozialplanung, Thüringen")
    }

    @Test func addFromAGermanCitationLine() throws {
        let site = try ArchivarSite()
        let line = "Fischer, Jörg/Graßhoff, Gunther (Hrsg.) (2024): Kommunale Bildungslandschaften. Ein Leitfaden. Weinheim: Beltz Juventa."
        let add = try site.run("add", "--citation", line, "--isbn", "978-3-8474-0610-5")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.hasPrefix("Added fischer2024kommunale\n"))
        #expect(try site.run("show", "fischer2024kommunale", "--format", "citation").stdout == line + "\n")
        let stored = try item(site, "fischer2024kommunale")
        #expect((stored["editor"] as? [[String: String]])?.count == 2)
        #expect(stored["ISBN"] as? String == "978-3-8474-0610-5", "options add to what the citation gives")

        let broken = try site.run("add", "--citation", "Irgendein Text ohne Jahr und Namen")
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("archivar: --citation: "))
        #expect(broken.stderr.contains("nothing was stored"))
        let tooOld = try site.run("add", "--citation", "Fischer, Jörg (1300): Kommunale Chroniken. Weinheim: Juventa.")
        #expect(tooOld.status == 1)
        #expect(tooOld.stderr.hasPrefix("archivar: field \"issued\": the year 1300 is not plausible"))
        #expect(try ids(site, searching: "Chroniken").isEmpty)
    }

    @Test func addingAStoredWorkSaysWhichRecordItMergedInto() throws {
        let site = try ArchivarSite()
        #expect(try site.run("harvest", "--source", "ikpe-publikationen").status == 0)
        let add = try site.run("add", "--title", "Handbuch Kommunale Planung und Steuerung", "--editor", "Fischer, Jörg",
                               "--year", "2022", "--isbn", "978-3-7799-6308-0")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.hasPrefix("Merged into fischer2022handbuch (same title, year and first creator)"), "\(add.stdout)")
        #expect(try ids(site, searching: "Handbuch Kommunale Planung") == ["fischer2022handbuch"])
        #expect(try item(site, "fischer2022handbuch")["ISBN"] as? String == "978-3-7799-6308-0", "the merge keeps the new ISBN")
    }

    @Test func eachInvalidFieldIsRefusedByNameAndNothingIsStored() throws {
        let site = try ArchivarSite()
        let nextYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        let cases: [(options: [String], message: String)] = [
            (["--isbn", "978-3-8474-0610-8"], "field \"ISBN\" (--isbn): 978-3-8474-0610-8 is not a valid ISBN-13: its check digit (the last) is 8, but its other digits give 5"),
            (["--isbn", "3-8474-061"], "field \"ISBN\" (--isbn): 3-8474-061 has 8 digits; an ISBN has 10 or 13"),
            (["--issn", "0317-8472"], "field \"ISSN\" (--issn): 0317-8472 is not a valid ISSN"),
            (["--doi", "doi.org/SM2301"], "field \"DOI\" (--doi): \"doi.org/SM2301\" is not a DOI"),
            (["--url", "www.ikpe.de"], "field \"URL\" (--url): \"www.ikpe.de\" is not a complete web address"),
            (["--year", "1210"], "field \"issued\" (--year): the year 1210 is not plausible; give a year from 1450 to \(nextYear)"),
            (["--year", "bald"], "field \"issued\" (--year): \"bald\" is not a date"),
            (["--type", "buch"], "field \"type\" (--type): \"buch\" is not a CSL type"),
            (["--author", " ; "], "field \"author\" (--author): names no one"),
        ]
        for (options, message) in cases {
            let outcome = try site.run(["add", "--title", "Ein ungültiger Eintrag", "--year", "2020"] + options)
            #expect(outcome.status == 1, "\(options)")
            #expect(outcome.stderr.contains("archivar: " + message), "\(options): \(outcome.stderr)")
            #expect(outcome.stderr.hasSuffix("archivar: nothing was stored\n"))
        }
        let blank = try site.run("add", "--title", "   ")
        #expect(blank.status == 1)
        #expect(blank.stderr.contains("field \"title\" (--title): a record needs a title"))
        #expect(try site.run("add", "--year", "2020").status == 2, "no --title is bad usage")
        #expect(try ids(site, searching: "Eintrag").isEmpty)
    }

    @Test func editSetsAndUnsetsFieldsAndAHarvestKeepsTheEdit() throws {
        let site = try ArchivarSite()
        #expect(try site.run("harvest", "--all").status == 0)
        let before = try site.run("show", "fischer2022handbuch").stdout
        Thread.sleep(forTimeInterval: 1.1)  // `updated` has whole seconds.

        let edit = try site.run("edit", "fischer2022handbuch", "--set", "title=Handbuch Kommunale Sozialplanung",
                                "--set", "year=2023", "--set", "author=Fischer, Jörg; Huber, Stefan",
                                "--set", "ISBN=978-3-7799-6308-0", "--set", "DOI=https://doi.org/10.3262/HB2022",
                                "--unset", "publisher")
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout == """
            Changed fischer2022handbuch:
              DOI: — → „10.3262/HB2022“
              ISBN: — → „978-3-7799-6308-0“
              author: — → Fischer, Jörg; Huber, Stefan
              issued: 2022 → 2023
              publisher: „Juventa Verlag ein Imprint der Julius Beltz GmbH & Co. KG“ → —
              title: „Handbuch Kommunale Planung und Steuerung“ → „Handbuch Kommunale Sozialplanung“

            """)
        var stored = try item(site, "fischer2022handbuch")
        #expect(stored["title"] as? String == "Handbuch Kommunale Sozialplanung")
        #expect(stored["publisher"] == nil)
        #expect((stored["issued"] as? [String: [[Int]]])?["date-parts"] == [[2023]])
        let updated = { (view: String) in view.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("updated ") } }
        let after = try site.run("show", "fischer2022handbuch").stdout
        #expect(updated(after) != nil && updated(after) != updated(before), "`updated` changes")

        // Refused: a bad value, an unknown field, the id. Nothing changes.
        let badISBN = try site.run("edit", "fischer2022handbuch", "--set", "ISBN=978-3-7799-6308-1", "--set", "title=Anders")
        #expect(badISBN.status == 1)
        #expect(badISBN.stderr.contains("field \"ISBN\": 978-3-7799-6308-1 is not a valid ISBN-13"))
        let unknown = try site.run("edit", "fischer2022handbuch", "--set", "titel=Anders")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown field \"titel\""))
        #expect(try site.run("edit", "fischer2022handbuch", "--set", "id=anders").status == 1)
        #expect(try site.run("edit", "fischer2022handbuch", "--set", "notitle").status == 2)
        #expect(try item(site, "fischer2022handbuch")["title"] as? String == "Handbuch Kommunale Sozialplanung")

        // A harvest of the record's source delivers the old values again: the edit stays.
        #expect(try site.run("harvest", "--all").status == 0)
        stored = try item(site, "fischer2022handbuch")
        #expect(stored["title"] as? String == "Handbuch Kommunale Sozialplanung")
        #expect(stored["publisher"] == nil)
        #expect(try site.run("edit", "nosuchrecord", "--set", "title=X").stderr.contains("no record has the id \"nosuchrecord\""))
    }

    @Test func removeAsksAndARemovedRecordDoesNotComeBack() throws {
        let site = try ArchivarSite()
        #expect(try site.run("harvest", "--all").status == 0)
        let citation = "Fischer, Jörg/Hilse-Carstensen, Theresa/Huber, Stefan (Hrsg.) (2022): Handbuch Kommunale Planung und Steuerung."

        let no = try site.run(["remove", "fischer2022handbuch"], input: "n\n")
        #expect(no.status == 1)
        #expect(no.stdout.hasPrefix(citation))
        #expect(no.stdout.contains("Remove fischer2022handbuch from the catalog? [y/N]"))
        #expect(no.stderr.contains("nothing was removed"))
        let silent = try site.run(["remove", "fischer2022handbuch"], input: "")
        #expect(silent.status == 1, "no answer is no")
        #expect(try ids(site, searching: "Handbuch Kommunale Planung").contains("fischer2022handbuch"))

        let yes = try site.run(["remove", "fischer2022handbuch"], input: "y\n")
        #expect(yes.status == 0, "\(yes.stderr)")
        #expect(yes.stdout.contains("Removed fischer2022handbuch."))
        #expect(try !ids(site, searching: "Handbuch Kommunale Planung").contains("fischer2022handbuch"))

        let harvest = try site.run("harvest", "--all")
        #expect(harvest.status == 0)
        let today = String(DateText.rfc3339(Date()).prefix(10))
        #expect(harvest.stderr.contains("ikpe-publikationen: skipped “Handbuch Kommunale Planung und Steuerung”: removed by a librarian on \(today)"))
        #expect(try !ids(site, searching: "Handbuch Kommunale Planung").contains("fischer2022handbuch"))
        #expect(try site.run("show", "fischer2022handbuch").status == 1)

        // --yes does not ask; a German "ja" counts as yes too.
        let forced = try site.run("remove", "fischer2021oeffentliche", "--yes")
        #expect(forced.status == 0)
        #expect(!forced.stdout.contains("[y/N]"))
        #expect(try site.run(["remove", "fischer2020fachkraefte"], input: "ja\n").status == 0)
        #expect(try site.run("remove", "fischer2020fachkraefte", "--yes").status == 1, "gone already")
    }

    @Test func addingARemovedWorkBringsItBackOnPurpose() throws {
        let site = try ArchivarSite()
        #expect(try site.run("harvest", "--source", "ikpe-publikationen").status == 0)
        #expect(try site.run("remove", "fischer2022handbuch", "--yes").status == 0)
        let add = try site.run("add", "--title", "Handbuch Kommunale Planung und Steuerung", "--editor", "Fischer, Jörg", "--year", "2022")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("This work had been removed by a librarian on"))
        #expect(try ids(site, searching: "Handbuch Kommunale Planung").count == 1)
    }
}
