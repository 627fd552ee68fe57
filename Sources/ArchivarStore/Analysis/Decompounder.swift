/// Splits a folded German compound into the lexicon words it is made of:
/// `jugendhilfeplanung` → `jugendhilfe`, `planung`, and then `jugendhilfe` → `jugend`, `hilfe`.
///
/// A split must cover the whole word with lexicon words of at least three letters, each but
/// the last optionally followed by a linking element (`s`, `es`, `n`, `en`:
/// `verkehr|s|planung`). Of all such splits the one with the fewest parts wins (ties: the
/// longer last part, the head of a German compound; then a linking element over a longer
/// first part), so `sporthalle` is `sport` + `halle` and never `sport` + `hall` + `e`. Parts of six letters or more are split again.
struct Decompounder {
    let lexicon: Lexicon

    /// The linking elements (Fugenelemente) allowed between two parts.
    static let linkingElements: [[UInt8]] = [[], Array("s".utf8), Array("es".utf8), Array("n".utf8), Array("en".utf8)]

    /// Words shorter than this (two minimal parts) are not tried.
    static let minimumCompoundLength = 2 * Lexicon.minimumWordLength

    /// Words longer than this (in bytes) are not tried: no compound is that long, and the
    /// search is quadratic in the length.
    static let maximumCompoundLength = 60

    /// Every part of `word`, outer splits before inner ones, without repeats; empty when
    /// `word` is not a compound of lexicon words.
    func parts(of word: [UInt8]) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        collectParts(of: word[...], into: &parts)
        return parts
    }

    private func collectParts(of word: ArraySlice<UInt8>, into parts: inout [[UInt8]]) {
        guard word.count <= Self.maximumCompoundLength, WordHash.letterCount(word) >= Self.minimumCompoundLength,
              let split = bestSplit(of: Array(word)) else { return }
        let pieces = split.map { Array(word[word.startIndex + $0.lowerBound ..< word.startIndex + $0.upperBound]) }
        for piece in pieces where !parts.contains(piece) { parts.append(piece) }
        for piece in pieces { collectParts(of: piece[...], into: &parts) }
    }

    /// One way to read a suffix of the word: how many parts, how long the last one is, where
    /// the first part ends and where the rest begins (after a linking element).
    private struct Reading {
        let partCount: Int
        let headLength: Int
        let firstPartEnd: Int
        let rest: Int

        func isBetter(than other: Reading?) -> Bool {
            guard let other else { return true }
            if partCount != other.partCount { return partCount < other.partCount }
            if headLength != other.headLength { return headLength > other.headLength }
            // `verkehr|s|planung` over `verkehrs|planung`: the linking element is no part of the word.
            return firstPartEnd < other.firstPartEnd
        }
    }

    /// The byte ranges of the best split of `word` into two or more parts, or nil.
    private func bestSplit(of word: [UInt8]) -> [Range<Int>]? {
        let count = word.count
        // Letters before each byte offset; offsets inside a multi-byte letter are no boundaries.
        var lettersBefore = [Int](repeating: 0, count: count + 1)
        for index in 0 ..< count { lettersBefore[index + 1] = lettersBefore[index] + (word[index] & 0xC0 == 0x80 ? 0 : 1) }
        func isBoundary(_ index: Int) -> Bool { index == count || word[index] & 0xC0 != 0x80 }

        // best[i]: the best reading of word[i...] (one part allowed), filled from the end.
        var best = [Reading?](repeating: nil, count: count + 1)
        for start in stride(from: count - 1, through: 0, by: -1) where isBoundary(start) {
            var hash = WordHash.start
            for end in start + 1 ... count {
                hash = WordHash.adding(word[end - 1], to: hash)
                guard isBoundary(end), lettersBefore[end] - lettersBefore[start] >= Lexicon.minimumWordLength,
                      lexicon.contains(hash: hash) else { continue }
                if end == count {
                    // The whole word as one part: a reading of a suffix, never the split of the word itself.
                    let whole = Reading(partCount: 1, headLength: end - start, firstPartEnd: end, rest: end)
                    if start > 0, whole.isBetter(than: best[start]) { best[start] = whole }
                    continue
                }
                for link in Self.linkingElements {
                    let rest = end + link.count
                    guard rest < count, word[end ..< rest].elementsEqual(link), let tail = best[rest] else { continue }
                    let reading = Reading(partCount: tail.partCount + 1, headLength: tail.headLength, firstPartEnd: end, rest: rest)
                    if reading.isBetter(than: best[start]) { best[start] = reading }
                }
            }
        }

        guard var reading = best[0] else { return nil }
        var ranges: [Range<Int>] = []
        var start = 0
        while true {
            ranges.append(start ..< reading.firstPartEnd)
            guard reading.rest < count, let next = best[reading.rest] else { break }
            start = reading.rest
            reading = next
        }
        return ranges
    }
}
