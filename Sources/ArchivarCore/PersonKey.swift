import Foundation

/// Who a name stands for, however a source spells it: "Fischer, Jörg", "Jörg Fischer"
/// and "FISCHER, Joerg" give one key, "Julia Fischer" another. The key is made of the
/// folded family name (with its particles: "van der Berg", double names such as
/// "Hilse-Carstensen") and the folded first given name; further given names do not
/// split a person ("Jörg M. Fischer" is "Jörg Fischer"). A given name written as
/// initials ("J. Fischer") gives an abbreviated key that `PersonDirectory` resolves to
/// the full name when the catalog makes that unambiguous. Institutions (`literal`
/// names) are keyed by their whole folded name.
public struct PersonKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The folded family name, its words joined by `-`: `fischer`, `van-der-berg`,
    /// `hilse-carstensen`; for an institution its whole name.
    public let family: String
    /// The folded first given name (`joerg`, `hans-peter`), or the letters of its
    /// initials (`j`, `h-p`, `th`) when `givenIsAbbreviated`; empty when unknown.
    public let given: String
    /// True when `given` holds initials only (`J.`, `H.-P.`, `Th.`).
    public let givenIsAbbreviated: Bool
    /// True for an institution (a CSL-JSON `literal` name).
    public let isInstitution: Bool

    /// The key of `name`; nil when the name holds no letter or digit.
    public init?(_ name: Name) {
        if let literal = name.literal {
            let folded = Self.fold(literal)
            guard !folded.isEmpty else { return nil }
            self.init(family: folded, given: "", givenIsAbbreviated: false, isInstitution: true)
            return
        }
        var givenWords = (name.given ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        // "Berg, Kees van der": particles after the given names belong to the family name.
        var trailingParticles: [String] = []
        while givenWords.count > 1, let last = givenWords.last, Name.particles.contains(last) {
            trailingParticles.insert(givenWords.removeLast(), at: 0)
        }
        let familyText = (trailingParticles + [name.droppingParticle, name.nonDroppingParticle, name.family].compactMap { $0 })
            .joined(separator: " ")
        let family = Self.fold(familyText)
        let first = Self.firstGivenName(givenWords)
        if family.isEmpty {
            // Only a given name ("Madonna"): it is all there is to tell the person by.
            guard let first, !first.parts.isEmpty else { return nil }
            self.init(family: first.parts.joined(separator: "-"), given: "", givenIsAbbreviated: false, isInstitution: false)
            return
        }
        self.init(family: family, given: first?.parts.joined(separator: "-") ?? "",
                  givenIsAbbreviated: first?.isAbbreviated ?? false, isInstitution: false)
    }

    private init(family: String, given: String, givenIsAbbreviated: Bool = false, isInstitution: Bool = false) {
        self.family = family
        self.given = given
        self.givenIsAbbreviated = givenIsAbbreviated
        self.isInstitution = isInstitution
    }

    /// `fischer, joerg`; `fischer, j.` for initials; `institut-fuer-kommunalplanung` for an institution.
    public var description: String {
        guard !isInstitution, !given.isEmpty else { return family }
        return "\(family), \(given)\(givenIsAbbreviated ? "." : "")"
    }

    /// The base of the person's page name: `fischer-joerg`, `hilse-carstensen-theresa`,
    /// `institut-fuer-kommunalplanung`; ASCII letters, digits and `-` only, other scripts
    /// transliterated (`ivanov-ivan`); `person-` and a hash when nothing is left.
    /// `PersonDirectory.slug(for:)` makes it unique.
    public var slug: String {
        let text = given.isEmpty ? family : "\(family)-\(given)"
        let latin = text.unicodeScalars.allSatisfy(\.isASCII) ? text
            : text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? ""
        let slug = TextFolding.slug(latin, maxLength: 80)
        return slug.isEmpty ? "person-" + StableHash.hex(of: description).prefix(12) : slug
    }

    /// True when this key's initials can stand for `other`'s full given name: the same
    /// family name, and each initial starts the matching part of the other's first
    /// given name (`J.` → `Jörg`, `H.-P.` → `Hans-Peter`, `Th.` → `Theresa`).
    public func abbreviates(_ other: PersonKey) -> Bool {
        guard givenIsAbbreviated, !other.givenIsAbbreviated, !isInstitution, !other.isInstitution,
              family == other.family, !other.given.isEmpty else { return false }
        let initials = given.split(separator: "-")
        let parts = other.given.split(separator: "-")
        return zip(initials, parts).allSatisfy { $1.hasPrefix($0) } && !initials.isEmpty
    }

    /// The family name and the first letter of the given name: what co-authors are
    /// compared by, so that "Graßhoff, G." and "Gunther Graßhoff" count as the same co-author.
    var coauthorKey: String {
        isInstitution ? "=" + family : family + "|" + given.prefix(1)
    }

    public static func < (lhs: PersonKey, rhs: PersonKey) -> Bool {
        (lhs.family, lhs.given, lhs.givenIsAbbreviated ? 1 : 0, lhs.isInstitution ? 1 : 0)
            < (rhs.family, rhs.given, rhs.givenIsAbbreviated ? 1 : 0, rhs.isInstitution ? 1 : 0)
    }

    // MARK: Folding

    /// Lowercase with German transliteration (ä→ae, ß→ss), other marks removed, words
    /// joined by `-`. Letters of other scripts are kept, so every name has a key.
    static func fold(_ text: String) -> String {
        if let folded = TextFolding.asciiSlug(text, maxLength: .max) { return String(decoding: folded, as: UTF8.self) }
        return unicodeFold(text)
    }

    /// `fold` for any text, character by character.
    static func unicodeFold(_ text: String) -> String {
        TextFolding.germanASCII(text.lowercased())
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .joined(separator: "-")
    }

    /// The first given name as folded parts (`Hans-Peter` → `hans`, `peter`), and whether
    /// it is written as initials: a part ending in `.` or of one letter (`J.`, `H.-P.`,
    /// `Th.`), or two capitals run together as in `Fischer JM`.
    private static func firstGivenName(_ words: [String]) -> (parts: [String], isAbbreviated: Bool)? {
        guard var word = words.first else { return nil }
        // "J.M." is two initials: the first name is "J.".
        if let dot = word.firstIndex(of: "."), word.index(after: dot) != word.endIndex, word[word.index(after: dot)] != "-" {
            word = String(word[...dot])
        }
        if word.count == 2, word.allSatisfy({ $0.isLetter && $0.isUppercase }) {
            return ([fold(String(word.prefix(1)))], true)
        }
        var parts: [String] = []
        var isAbbreviated = false
        for part in word.split(separator: "-") {
            let folded = fold(String(part)).filter { $0 != "-" }
            guard !folded.isEmpty else { continue }
            if part.hasSuffix(".") || part.filter(\.isLetter).count == 1 { isAbbreviated = true }
            parts.append(folded)
        }
        return (parts, isAbbreviated)
    }
}

extension Record {
    /// The keys of the record's authors and editors as written, without duplicates and
    /// without resolving initials (`PersonDirectory.keys(for:)` does that).
    public var personKeys: [PersonKey] {
        var seen: Set<PersonKey> = []
        return (authors + editors).compactMap(PersonKey.init).filter { seen.insert($0).inserted }
    }
}
