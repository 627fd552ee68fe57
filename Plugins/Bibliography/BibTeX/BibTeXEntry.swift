/// One `@type{key, field = value, …}` entry as the file holds it: macros expanded and
/// `#` concatenations joined, but LaTeX markup and braces still in the values (names
/// and case protection need them).
struct BibTeXEntry: Sendable, Equatable {
    /// The entry type, lowercased (`article`, `incollection`, …).
    var type: String
    /// The key as written (BibTeX compares keys case-insensitively).
    var key: String
    /// Raw field values by lowercased field name.
    var fields: [String: String]
    /// The line the entry starts on, for problems.
    var line: Int
}
