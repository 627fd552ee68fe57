import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// `archivar import` tells a file's format from its content (ContentSniffer), through the
/// built binary: the report line names the plugin it chose, and what it cannot read is
/// refused with the file named and nothing stored.
@Suite struct ContentDetectionTests {
    @Test func bibTeXAfterJunkTextIsReadAsBibTeX() throws {
        let site = try ArchivarSite()
        // Junk before the first entry, including lines shaped like citations and an e-mail
        // address, as a colleague's hand-kept file has it.
        try site.directory.write("""
            Literaturliste Jugendhilfeplanung, Stand März 2024 (bitte ergänzen)
            Fragen an bibliothek@ikpe-erfurt.de
            Vgl. auch Fischer (2016) und Müller (2020): noch nicht eingetragen.

            @book{fischer2016unbegleitete,
              author = {Fischer, J{\\"o}rg}, title = {Unbegleitete Flüchtlinge}, year = 2016}
            @article{mueller2020beitrag,
              author = {Müller, Anna}, title = {Beitrag}, journal = {Sozialmagazin}, year = 2020}
            """, to: "kollegin.txt")
        let outcome = try site.run("import", "kollegin.txt")
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("kollegin.txt (bibtex): 2 added"), "\(outcome.stdout)")
        #expect(Set(try site.storedRecords().keys) == ["fischer2016unbegleitete", "mueller2020beitrag"])
    }

    @Test func risWithByteOrderMarkAndCRLFIsReadAsRIS() throws {
        let site = try ArchivarSite()
        let ris = "\u{FEFF}TY  - BOOK\r\nAU  - Fischer, Jörg\r\nTI  - Netzwerke (2019)\r\nPY  - 2019\r\nER  - \r\n\r\n"
            + "TY  - JOUR\r\nAU  - Müller, Anna\r\nTI  - Beitrag\r\nPY  - 2020\r\nER  - \r\n"
        try site.directory.write(ris, to: "zotero.txt")
        let outcome = try site.run("import", "zotero.txt")
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("zotero.txt (ris): 2 added"), "\(outcome.stdout)")
        #expect(Set(try site.storedRecords().values.map(\.title)) == ["Netzwerke (2019)", "Beitrag"])
    }

    @Test func cslJSONIsReadAsOneItemOrAsAnArray() throws {
        let site = try ArchivarSite()
        try site.directory.write("""
             {"id": "fischer2016unbegleitete", "type": "book", "title": "Unbegleitete Flüchtlinge",
              "issued": {"date-parts": [[2016]]}}
            """, to: "eins.txt")
        try site.directory.write("""
            \u{FEFF}[{"id": "mueller2020beitrag", "type": "article-journal", "title": "Beitrag"},
             {"id": "weber2019kapitel", "type": "chapter", "title": "Kapitel"}]
            """, to: "liste.txt")
        let outcome = try site.run("import", "eins.txt", "liste.txt")
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("eins.txt (csl-json): 1 added"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("liste.txt (csl-json): 2 added"), "\(outcome.stdout)")
        #expect(try site.storedRecords().count == 3)
    }

    @Test func citationLinesAreReadAsCitationsEvenWithAnAtSign() throws {
        let site = try ArchivarSite()
        try site.directory.write("""
            Publikationen (Stand 2024, Kontakt: info@ikpe-erfurt.de)

            Fischer, Jörg (2019): Netzwerke in der Jugendhilfe. Weinheim: Beltz Juventa.
            Müller, Anna/Weber, Tom (2020): Beitrag. In: Sozialmagazin 45 (3), S. 5–9.
            """, to: "publikationen.bib")
        let outcome = try site.run("import", "publikationen.bib")
        #expect(outcome.stdout.hasPrefix("publikationen.bib (citations): 2 added"), "\(outcome.stdout)\(outcome.stderr)")
        // The heading is no citation: rejected with its line, the two citations are stored.
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("    line 1: no year in parentheses"), "\(outcome.stdout)")
        #expect(try site.storedRecords().count == 2)
    }

    @Test func whatIsNoBibliographyTextIsRefusedNamingTheFile() throws {
        let site = try ArchivarSite()
        try site.directory.write("", to: "leer.bib")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]).write(to: site.directory.file("programm.bin"))
        try "TY  - BOOK\nTI  - Titel\nER  - \n".data(using: .utf16)!.write(to: site.directory.file("utf16.ris"))
        try site.directory.write(#"<?xml version="1.0"?><rss version="2.0"><channel/></rss>"#, to: "feed.xml")
        try site.directory.write("42\n", to: "zahl.json")
        try site.directory.write(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), to: "tief.json")
        try site.directory.write("Notizen zur Sitzung\nohne Literaturangaben, ohne Jahr\n", to: "notizen.txt")
        try FileManager.default.createDirectory(at: site.directory.file("ordner"), withIntermediateDirectories: false)
        let files = ["leer.bib", "programm.bin", "utf16.ris", "feed.xml", "zahl.json", "tief.json", "notizen.txt", "ordner", "fehlt.ris"]
        let outcome = try site.run(["import"] + files)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty, "no file is imported: \(outcome.stdout)")
        let errors = outcome.stderr.split(separator: "\n").map(String.init)
        #expect(errors.count == files.count, "\(outcome.stderr)")
        #expect(errors.allSatisfy { $0.hasSuffix("(nothing of this file was imported)") })
        for (file, reason) in [
            ("leer.bib", "the file is empty"),
            ("programm.bin", "is not a text file (byte 8 is a NUL byte)"),
            ("utf16.ris", "is UTF-16 text; save it as UTF-8"),
            ("feed.xml", "holds XML, which import does not read"),
            ("zahl.json", "must hold a CSL-JSON item or an array of items"),
            ("tief.json", "is not valid JSON: line 1, column"),
            ("notizen.txt", "holds no BibTeX entry, RIS record, JSON or citation (names and a year in parentheses"),
            ("ordner", "is a directory"),
            ("fehlt.ris", "cannot be read: no such file"),
        ] {
            #expect(errors.contains { $0.contains("\(file): \(reason)") }, "\(file): \(outcome.stderr)")
        }
        #expect(try site.storedRecords().isEmpty)
    }
}
