import Foundation

/// A number typed as a plain word that may be a year of publication (SPEC §8):
/// `Präventionsketten 2024` finds the records about Präventionsketten that write 2024 or
/// are from 2024, as `Präventionsketten (2024 OR year:2024)` would.
///
/// Only a word of four ASCII digits from `earliest` to next year counts; a phrase
/// (`"2024"`), a prefix (`202*`) and a word with a field (`title:2024`) stay text, and so
/// does every other number (`0815`, `12345`). `QueryParser` keeps the word as it was typed;
/// the search widens the tree it parsed (`QueryNode.withBareYears`).
enum BareYear {
    /// The first year a bare number may stand for: printing with movable type.
    static let earliest = 1450

    /// The year `text` stands for, or nil when it is no bare year.
    static func year(_ text: QueryText) -> Int? {
        guard !text.isPhrase, !text.isPrefix, text.field == nil, text.text.utf8.count == 4,
              text.text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let year = Int(text.text) else { return nil }
        return (earliest...latest).contains(year) ? year : nil
    }

    /// Next year: announcements and forthcoming publications carry it.
    private static var latest: Int {
        Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
    }
}

extension QueryNode {
    /// The tree with every bare year (`BareYear`) standing for the word in the text or the
    /// year of publication, wherever it stands: beside other words, in an `OR`, after `-`.
    var withBareYears: QueryNode {
        mapTexts { text in
            guard let year = BareYear.year(text) else { return .text(text) }
            return .any([.text(text), .filter(.years(from: year, through: year))])
        } ?? self
    }
}
