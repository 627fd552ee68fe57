import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// The report of `archivar import` tells entries that were not stored (rejected: exit 1)
/// from remarks on entries that were stored all the same (notes: exit 0), through the
/// built binary.
@Suite struct ImportReportTests {
    @Test func notesOnStoredEntriesAreListedAndTheImportSucceeds() throws {
        let site = try ArchivarSite()
        // An EndNote export from Windows: Windows-1252, an unknown type, a season for a
        // date, a wrapped line that cannot go on, and no ER at the end.
        let ris = "TY  - BOOK\r\nAU  - M\u{FC}ller, Anna\r\nTI  - Stra\u{DF}enbau \u{201E}vor Ort\u{201C}\r\nPY  - 2019\r\nER  - \r\n\r\n"
            + "TY  - XYZ\r\nTI  - Quartiersarbeit\r\nPY  - Sommer 2018\r\n\r\nlose Zeile\r\n"
        try ris.data(using: .windowsCP1252)!.write(to: site.directory.file("endnote.ris"))
        let outcome = try site.run("import", "endnote.ris")
        #expect(outcome.status == 0, "notes alone do not fail an import: \(outcome.stdout)\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "endnote.ris (ris): 2 added, 0 merged, 0 changed, 0 unchanged, 0 rejected, 5 notes", "\(outcome.stdout)")
        #expect(!lines.contains("  rejected:"))
        let notes = Array(lines.drop { $0 != "  notes (imported all the same):" }.dropFirst())
        #expect(notes == [
            "    line 2: not UTF-8 here and in 3 more places: read as Windows-1252 (Latin-1)",
            "    line 11: \"lose Zeile\" left out: not a RIS tag line (\"XY  - value\"), and the tag above cannot go on",
            "    line 7: record has no ER line at the end of the file: kept",
            "    line 7: unknown RIS type \"XYZ\": read as a document",
            "    line 7: date \"Sommer 2018\" is not YYYY or YYYY/MM/DD: kept as text",
        ], "\(outcome.stdout)")
        let titles = Set(try site.storedRecords().values.compactMap(\.title))
        #expect(titles == ["Straßenbau „vor Ort“", "Quartiersarbeit"])
    }

    @Test func aRejectedEntryFailsTheImportAndIsListedApartFromTheNotes() throws {
        let site = try ArchivarSite()
        try site.directory.write("""
            @book{fischer2016a, author = {Fischer, Jörg}, title = {Eins}, year = 2016}
            @book{kaputt, title = {Offen, year = 2017}
            @incollection{weber2018, author = {Weber, Tom}, title = {Kapitel}, year = 2018, crossref = {fehlt2018}}
            """, to: "liste.bib")
        let outcome = try site.run("import", "liste.bib")
        #expect(outcome.status == 1, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout == """
            liste.bib (bibtex): 2 added, 0 merged, 0 changed, 0 unchanged, 1 rejected, 1 note
              added: fischer2016a, weber2018
              rejected:
                line 2: entry “kaputt”: missing “,” after field “title”
              notes (imported all the same):
                line 3: entry “weber2018”: crossref “fehlt2018” names no entry in this file

            """, "\(outcome.stdout)")
        #expect(Set(try site.storedRecords().keys) == ["fischer2016a", "weber2018"])
    }
}
