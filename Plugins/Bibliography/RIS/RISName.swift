import ArchivarCore
import Foundation

/// Names in RIS form: `Family, Given[, Suffix]` for persons, the bare name for institutions.
/// Spec: RIS format specification, "AU": "Lastname, Firstname, Suffix".
enum RISName {
    /// Reads one `AU`/`A2`/… value. Without a comma the name is an institution (`literal`),
    /// as Zotero reads it; lowercase words before the family name are its particle ("van der").
    static func parse(_ value: String) -> Name {
        let parts = value.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count > 1 else { return Name(literal: value) }
        var words = parts[0].split(separator: " ").map(String.init)
        let particleCount = words.prefix { $0.first?.isLowercase == true }.count
        let particle = particleCount > 0 && particleCount < words.count ? words.prefix(particleCount).joined(separator: " ") : nil
        if particle != nil { words.removeFirst(particleCount) }
        return Name(family: words.joined(separator: " "),
                    given: parts[1].isEmpty ? nil : parts[1],
                    nonDroppingParticle: particle,
                    suffix: parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil)
    }

    /// Writes a name so that `parse` reads it back.
    static func format(_ name: Name) -> String {
        if let literal = name.literal { return literal }
        var parts = [name.sortName, [name.given, name.droppingParticle].compactMap { $0 }.joined(separator: " ")]
        if let suffix = name.suffix { parts.append(suffix) }
        while parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        // A family name alone still needs its comma, or it would read back as an institution.
        return parts.count == 1 ? parts[0] + "," : parts.joined(separator: ", ")
    }
}
