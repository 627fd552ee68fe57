import ArchivarTestSupport
import Foundation
import Testing

/// Categories from `archivar.json` and the author pages, through the built binary.
@Suite(.serialized) struct CategoriesAndAuthorsTests {
    static let bibliography = """
        [{"id": "fischer2020kita", "type": "report", "title": "Kita-Bedarfsplanung in Erfurt",
          "author": [{"family": "Fischer", "given": "J."}, {"family": "Graßhoff", "given": "Gunther"}], "issued": {"date-parts": [[2020]]}},
         {"id": "huber2021beitrag", "type": "chapter", "title": "Planung im Verbund",
          "author": [{"family": "Huber", "given": "Stefan"}], "issued": {"date-parts": [[2021]]}},
         {"id": "huber2022gutachten", "type": "report", "title": "Gutachten Sozialraum", "category": "Gutachten",
          "author": [{"family": "Huber", "given": "Stefan"}], "issued": {"date-parts": [[2022]]}}]
        """

    @Test func configuredCategoriesReachInspectAndThePublicationsPage() throws {
        let site = try ArchivarSite()
        try site.directory.write("""
            { "title": "IKPE Publikationsarchiv", "baseURL": "http://127.0.0.1:8080/",
              "categories": { "report": "Berichte und Gutachten" } }
            """, to: "archivar.json")
        try site.directory.write(Self.bibliography, to: "feeds/samples/bibliographie.json")
        try site.directory.write(#"{"id": "bib", "plugin": "csl-json", "url": "feeds/samples/bibliographie.json", "kind": "publication"}"#,
                                 to: "feeds/bib.json")

        let inspect = try site.run("inspect", "feeds/bib.json")
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let categories = try inspect.stdout.split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }.map { $0?["category"] as? String }
        #expect(categories == ["Berichte und Gutachten", "Beiträge in Zeitschriften und Sammelwerken", "Gutachten"])

        #expect(try site.run("run").status == 0)
        let publications = try String(contentsOf: site.directory.file("archive/publications/index.html"), encoding: .utf8)
        #expect(publications.contains(">Berichte und Gutachten</h2>"))
        #expect(publications.contains(">Gutachten</h2>"), "the record's own category wins")
        #expect(publications.contains(">Monographien und Herausgeberschaften</h2>"), "the bundled sample keeps its own")
    }

    @Test func badCategoryKeyStopsWithFileAndKey() throws {
        let site = try ArchivarSite()
        try site.directory.write(#"{ "categories": { "reprot": "Berichte" } }"#, to: "archivar.json")
        let run = try site.run("run")
        #expect(run.status != 0)
        #expect(run.stderr.contains(#"archivar.json:key "categories.reprot": is neither a record kind"#), "\(run.stderr)")
    }

    @Test func bundledSamplesGetAuthorPagesWithInitialsResolved() throws {
        let site = try ArchivarSite()
        try site.directory.write(Self.bibliography, to: "feeds/samples/bibliographie.json")
        try site.directory.write(#"{"id": "bib", "plugin": "csl-json", "url": "feeds/samples/bibliographie.json", "kind": "publication"}"#,
                                 to: "feeds/bib.json")
        #expect(try site.run("run").status == 0)
        let archive = site.directory.file("archive")
        let joerg = try String(contentsOf: archive.appendingPathComponent("authors/fischer-joerg/index.html"), encoding: .utf8)
        #expect(joerg.contains("<h1>Jörg Fischer</h1>"))
        #expect(joerg.contains(">Kita-Bedarfsplanung in Erfurt</a>"), "J. Fischer, who wrote with Gunther Graßhoff, is Jörg Fischer")
        #expect(joerg.contains("Schreibweisen in den Quellen: Fischer, J.; Fischer, Jörg"))
        let index = try String(contentsOf: archive.appendingPathComponent("authors/index.html"), encoding: .utf8)
        #expect(index.contains(#"<a href="../authors/fischer-joerg/">Fischer, Jörg</a> (19)"#))
        #expect(index.contains(#"<a href="../authors/huber-stefan/">Huber, Stefan</a> (4)"#))
    }
}
