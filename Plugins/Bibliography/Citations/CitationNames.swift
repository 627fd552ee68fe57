import ArchivarCore
import Foundation

/// The names before the year: `Fischer, Jörg/Graßhoff, Gunther`, separated by `/`, `;`,
/// `&` or `und`, inverted (`Fischer, J.`) or not (`Jörg Fischer`), with particles
/// (`van der Berg, Kees`) and a trailing `u. a.`/`et al.` dropped.
enum CitationNames {
    static func parse(_ text: String) throws(CitationRejection) -> [Name] {
        var list = text
        _ = list.cut(#/\s*,?\s*(?:u\.\s?a\.|et\s?al\.?|and others)\s*$/#)
        let pieces = list.split(separator: #/\s*[\/;&]\s*|\s+(?:und|and)\s+/#)
            .map { $0.trimmingCharacters(in: Self.padding) }
        guard !pieces.isEmpty, pieces.allSatisfy(looksLikeName) else {
            throw CitationRejection("„\(text.trimmedPhrase)“ is not a list of names")
        }
        return pieces.map(name)
    }

    /// `van der Berg, Kees` keeps `van der` as the family name's particle; `Weber dos
    /// Santos, Nancy` keeps its whole family name.
    static func name(_ text: String) -> Name {
        guard let comma = text.firstIndex(of: ",") else { return Name.parse(text) }
        let family = text[..<comma].trimmingCharacters(in: .whitespaces)
        let given = text[text.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        let reordered = Name.parse("\(given) \(family)")
        if reordered.nonDroppingParticle != nil, reordered.given == given { return reordered }
        return Name(family: family, given: given.isEmpty ? nil : given)
    }

    /// Spaces and stray commas around a name; a final `.` belongs to an initial.
    private static let padding = CharacterSet.whitespaces.union(CharacterSet(charactersIn: ",;"))

    /// At least one capitalized word, no digits, at most one comma.
    private static func looksLikeName(_ text: String) -> Bool {
        !text.isEmpty && !text.contains(where: \.isNumber) && text.filter { $0 == "," }.count <= 1
            && text.split(separator: " ").contains { $0.first?.isUppercase == true }
    }
}
