import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// Bad values given to the librarian commands through the built binary: refused with the
/// field as the librarian typed it, exit 1, and the stored record untouched.
@Suite struct LibrarianBadInputTests {
    @Test func badValuesAndUnknownIdsAreRefusedNamingTheFieldAndChangeNothing() throws {
        let site = try ArchivarSite()
        try site.directory.write("@book{fischer2016a, author = {Fischer, Jörg}, title = {Eins}, year = 2016, isbn = {978-3-7799-3377-9}}\n",
                                 to: "liste.bib")
        #expect(try site.run("import", "liste.bib").status == 0)
        let stored = try site.storedRecords()

        let year = try site.run("edit", "fischer2016a", "--set", "year=abc")
        #expect(year.status == 1)
        #expect(year.stderr.contains("field \"year\": \"abc\" is not a date; write 2016, 2016-05 or 2016-05-03"), "\(year.stderr)")
        #expect(year.stderr.contains("nothing was changed"))

        let isbn = try site.run("edit", "fischer2016a", "--set", "ISBN=978-3-7799-3377-1")
        #expect(isbn.status == 1)
        #expect(isbn.stderr.contains("field \"ISBN\": 978-3-7799-3377-1 is not a valid ISBN-13: its check digit (the last) is 1, "
            + "but its other digits give 9"), "\(isbn.stderr)")

        let remove = try site.run("remove", "gibtsnicht2020", "--yes")
        #expect(remove.status == 1)
        #expect(remove.stderr.contains("no record has the id \"gibtsnicht2020\""), "\(remove.stderr)")

        #expect(try site.storedRecords() == stored)
    }
}
