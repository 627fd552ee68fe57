import ArchivarCore
import Foundation

/// The German words a compound may be made of: Debian's `wngerman` word list
/// (/usr/share/dict/ngerman, installed by `scripts/install-deps.sh`), folded like index
/// words and kept as 64-bit hashes (`WordHash`). Left out, so they never become compound
/// parts: acronyms (`CDU`, `AfD`), words without a vowel (`Bsp`), words under three letters,
/// three-letter words other than `threeLetterParts` (`Dia|log`, `Akt|ion`, `Pro|gramm`),
/// function words (`GermanFunctionWords`) and words that are also word endings
/// (`suffixWords`). Without the word list it is empty and no word is split.
///
/// The hashes sit in one flat open-addressing table (linear probing, 0 = empty slot), so
/// the table can be written to a cache file and read back as it is (`LexiconCache`).
final class Lexicon: Sendable {
    /// Where set-up installs the word list.
    static let wordList = URL(fileURLWithPath: "/usr/share/dict/ngerman")

    /// Parts shorter than this (in letters) are never taken: no `e` from `Sporthall|e`.
    static let minimumWordLength = 3

    /// The three-letter words that are common compound parts (`Sozial|amt`, `Rück|bau`,
    /// `Fach|tag`, `Neu|orientierung`), folded; other three-letter entries are mostly
    /// abbreviations or fragments of foreign words.
    static let threeLetterParts: Set<String> = [
        "alt", "amt", "arm", "art", "bad", "bau", "bus", "eis", "gas", "hof", "job", "kur", "los", "mut", "neu",
        "not", "ohr", "ort", "ost", "rad", "rat", "ruf", "see", "sud", "tag", "tal", "tat", "tee", "ton", "tor",
        "tur", "typ", "uhr", "weg", "zug", "zoo",
    ]

    /// Words that are also German word endings, folded: never a part of their own
    /// (`Gemein|schaft`, `Institut|ionen`, `Referent|innen`, `Mitarbeite|rinnen`).
    static let suffixWords: Set<String> = ["schaft", "schaften", "ionen", "innen", "rinnen"]

    /// Hashes of the words no part may be: function words and suffix words.
    private static let excludedHashes = GermanFunctionWords.hashes.union(suffixWords.map { WordHash.of($0.utf8) })
    private static let threeLetterHashes = Set(threeLetterParts.map { WordHash.of($0.utf8) })

    /// The table: a power-of-two count of slots, each 0 or a word's hash (0 itself stored as 1).
    let slots: [UInt64]

    /// A lexicon of `words` (tests use small ones).
    convenience init(words: [String]) {
        var lines = words.joined(separator: "\n")
        self.init(lineCount: words.count) { body in lines.withUTF8 { Self.forEachLine(in: $0, body) } }
    }

    /// The words of a word list with one word per line; empty when the file cannot be read.
    convenience init(wordList: URL) {
        let data = (try? Data(contentsOf: wordList, options: .mappedIfSafe)) ?? Data()
        let lineCount = data.withUnsafeBytes { bytes in
            var count = 1
            for byte in bytes where byte == UInt8(ascii: "\n") { count += 1 }
            return count
        }
        self.init(lineCount: lineCount) { body in
            data.withUnsafeBytes { Self.forEachLine(in: $0.bindMemory(to: UInt8.self), body) }
        }
    }

    private init(lineCount: Int, lines: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
        var slots = [UInt64](repeating: 0, count: Self.slotCount(for: lineCount))
        lines { line in
            guard let hash = Self.entryHash(line) else { return }
            Self.insert(hash, into: &slots)
        }
        self.slots = slots
    }

    /// A lexicon over a table read back from a cache; nil when `slots` is no valid table.
    init?(slots: [UInt64]) {
        guard slots.count > 0, slots.count & (slots.count - 1) == 0 else { return nil }
        self.slots = slots
    }

    /// How many words it holds (counts the table: for reports and tests).
    var count: Int { slots.reduce(0) { $0 + ($1 == 0 ? 0 : 1) } }

    /// Whether the folded word with this hash (`WordHash`) is in the lexicon.
    func contains(hash: UInt64) -> Bool {
        let stored = Swift.max(hash, 1)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: stored) & mask
        while true {
            let slot = slots[index]
            if slot == stored { return true }
            if slot == 0 { return false }
            index = (index + 1) & mask
        }
    }

    /// Whether the folded `word` is in the lexicon.
    func contains(_ word: String) -> Bool { contains(hash: WordHash.of(word.utf8)) }

    /// A short text that changes when the word list on disk changes (size and modification
    /// time), or says it is missing; part of `SearchAnalysis.identity`.
    static func fingerprint(of file: URL) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date else {
            return "no word list at \(file.path)"
        }
        return "\(file.path) \(size) bytes, modified \(Int(modified.timeIntervalSince1970))"
    }

    /// At least 4/3 slots per word, a power of two: probes stay short.
    private static func slotCount(for words: Int) -> Int {
        var count = 16
        while count * 3 < words * 4 { count *= 2 }
        return count
    }

    private static func insert(_ hash: UInt64, into slots: inout [UInt64]) {
        let stored = max(hash, 1)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: stored) & mask
        while slots[index] != 0 {
            if slots[index] == stored { return }
            index = (index + 1) & mask
        }
        slots[index] = stored
    }

    private static func forEachLine(in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var lineStart = 0
        for index in 0 ... bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
            if index > lineStart { body(UnsafeBufferPointer(rebasing: bytes[lineStart ..< index])) }
            lineStart = index + 1
        }
    }

    /// The hash of a word-list line folded, or nil when the line is no possible compound part.
    private static func entryHash(_ line: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !isAcronym(line) else { return nil }
        let folded = GermanFolding.fold(line)
        var letters = 0
        var vowels = 0
        for byte in folded {
            if byte & 0xC0 != 0x80 { letters += 1 }
            switch byte {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"): vowels += 1
            default: break
            }
        }
        guard letters >= minimumWordLength, vowels > 0 else { return nil }
        let hash = WordHash.of(folded)
        guard letters > minimumWordLength || threeLetterHashes.contains(hash), !excludedHashes.contains(hash) else { return nil }
        return hash
    }

    /// Two or more capital letters (`ABM`, `AfD`, `CDs`, `ÖPNV`): an acronym, not a word.
    private static func isAcronym(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var capitals = 0
        var previous: UInt8 = 0
        for byte in line {
            // A–Z, or Ä Ö Ü (0xC3 followed by 0x84, 0x96, 0x9C).
            if (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (previous == 0xC3 && (byte == 0x84 || byte == 0x96 || byte == 0x9C)) {
                capitals += 1
                if capitals == 2 { return true }
            }
            previous = byte
        }
        return false
    }
}

/// The lexicon's keys: `StableHash` (FNV-1a) over the bytes of a folded word, computed
/// incrementally by the decompounder for every substring it tries.
enum WordHash {
    static let start = StableHash.offsetBasis

    static func adding(_ byte: UInt8, to hash: UInt64) -> UInt64 { StableHash.adding(byte, to: hash) }

    static func of(_ bytes: some Sequence<UInt8>) -> UInt64 { StableHash.value(of: bytes) }

    /// `of(_:)` for the tokenizer's words, without going through `Sequence`'s iterator.
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { StableHash.value(ofContiguous: bytes) }

    /// Letters (Unicode scalars) in UTF-8 `bytes`: the bytes that are not continuation bytes.
    static func letterCount(_ bytes: some Sequence<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
