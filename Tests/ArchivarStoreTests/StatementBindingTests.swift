@testable import ArchivarStore
import ArchivarTestSupport
import Foundation
import Testing

/// Text is bound to SQL from the string's own UTF-8 (no C string is made): it must arrive
/// as a C string would, empty text as text and not NULL, ending at a NUL.
@Suite struct StatementBindingTests {
    @Test func textArrivesAsWrittenEmptyTextIsNoNullAndANulEndsIt() throws {
        let directory = try TemporaryDirectory()
        let connection = try Connection(file: directory.file("bind.sqlite"))
        let long = String(repeating: "Straße „Zitat“ 🙂 ", count: 2_000)
        for (text, expected) in [("", ""), ("a", "a"), ("Jugendhilfe", "Jugendhilfe"), (long, long), ("vor\u{0}nach", "vor")] {
            var read: (String?, Int?)?
            try connection.run("SELECT ?1, ?1 IS NULL", [.text(text)]) { row in read = (row.text(0), row.int(1)) }
            #expect(read?.0 == expected)
            #expect(read?.1 == 0)
        }
        // A substring's bytes (not starting at its string's start) bind as themselves.
        let tail = String(long.dropFirst(7))
        #expect(try connection.text("SELECT ?1", [.text(tail)]) == tail)
    }
}
