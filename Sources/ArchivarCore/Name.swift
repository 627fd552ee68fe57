/// A person or institution as CSL-JSON names it: `family` + `given`, or `literal`.
public struct Name: Sendable, Hashable {
    public var family: String?
    public var given: String?
    public var literal: String?
    public var droppingParticle: String?
    public var nonDroppingParticle: String?
    public var suffix: String?

    public init(family: String? = nil, given: String? = nil, literal: String? = nil,
                droppingParticle: String? = nil, nonDroppingParticle: String? = nil, suffix: String? = nil) {
        self.family = family
        self.given = given
        self.literal = literal
        self.droppingParticle = droppingParticle
        self.nonDroppingParticle = nonDroppingParticle
        self.suffix = suffix
    }

    /// Reads a CSL-JSON name object; anything else gives nil.
    public init?(json: JSONValue) {
        guard let object = json.object else { return nil }
        family = object["family"]?.text
        given = object["given"]?.text
        literal = object["literal"]?.text
        droppingParticle = object["dropping-particle"]?.text
        nonDroppingParticle = object["non-dropping-particle"]?.text
        suffix = object["suffix"]?.text
        if family == nil, given == nil, literal == nil { return nil }
    }

    /// The CSL-JSON name object.
    public var json: JSONValue {
        var object = [String: JSONValue](minimumCapacity: 2) // the usual name: family and given
        if let family { object["family"] = .string(family) }
        if let given { object["given"] = .string(given) }
        if let literal { object["literal"] = .string(literal) }
        if let droppingParticle { object["dropping-particle"] = .string(droppingParticle) }
        if let nonDroppingParticle { object["non-dropping-particle"] = .string(nonDroppingParticle) }
        if let suffix { object["suffix"] = .string(suffix) }
        return .object(object)
    }

    /// The family name with its particle ("van der Berg"), or the literal name.
    public var sortName: String {
        if let literal { return literal }
        return [nonDroppingParticle, family].compactMap { $0 }.joined(separator: " ")
    }

    /// "Fischer, Jörg": the inverted form the institute's citations use.
    public var inverted: String {
        if let literal { return literal }
        let familyPart = sortName
        guard let given, !given.isEmpty else { return familyPart }
        let givenPart = [given, droppingParticle].compactMap { $0 }.joined(separator: " ")
        return familyPart.isEmpty ? givenPart : "\(familyPart), \(givenPart)"
    }

    /// "Jörg Fischer": the display form.
    public var displayName: String {
        if let literal { return literal }
        return [given, droppingParticle, nonDroppingParticle, family, suffix]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Parses "Fischer, Jörg", "Jörg Fischer" or a single word into a name.
    public static func parse(_ text: String) -> Name {
        if let words = simpleWords(text) { return Name(words: words, trimmed: text) }
        let trimmed = TextFolding.trimmed(text)
        if let comma = trimmed.firstIndex(of: ",") {
            let family = trimmed[..<comma].trimmingCharacters(in: .whitespaces)
            let given = trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            return Name(family: family, given: given.isEmpty ? nil : given)
        }
        return Name(words: trimmed.split(separator: " ").map(String.init), trimmed: trimmed)
    }

    /// A name without a comma from its words (`trimmed` split at spaces).
    private init(words: [String], trimmed: String) {
        guard words.count > 1 else {
            self.init(literal: trimmed)
            return
        }
        // "Nancy Weber dos Santos", "Kees van der Berg": lowercase particles before the family name.
        if let start = words.indices.dropFirst().first(where: { Self.isParticle(words[$0]) }),
           let end = words.indices[start...].first(where: { !Self.isParticle(words[$0]) }) {
            self.init(family: words[end...].joined(separator: " "), given: words[..<start].joined(separator: " "),
                      nonDroppingParticle: words[start..<end].joined(separator: " "))
            return
        }
        self.init(family: words.last, given: words.count == 2 ? words[0] : words.dropLast().joined(separator: " "))
    }

    /// The words of the usual name, split at spaces from its UTF-8 bytes: nil unless it
    /// needs no trimming, has no comma and nothing from U+0300 on (where combining marks,
    /// joiners and other scalars that join characters begin, so that there every
    /// character is one scalar and a byte search finds what a character search finds).
    private static func simpleWords(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            guard let first = bytes.first, let last = bytes.last, first > 0x20, first != 0xC2, last > 0x20,
                  bytes.count < 2 || bytes[bytes.count - 2] != 0xC2 || (last != 0x85 && last != 0xA0),
                  !bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 >= 0xCC }) else { return nil }
            return bytes.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// Whether `word` is one of `particles` (all of which begin with a lowercase ASCII letter).
    private static func isParticle(_ word: String) -> Bool {
        guard let first = word.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return particles.contains(word)
    }

    /// Name particles that belong before the family name.
    static let particles: Set<String> = ["von", "van", "der", "den", "de", "dos", "da", "das", "du", "zu", "zur", "vom", "ten", "ter", "di", "del", "la", "le"]
}
