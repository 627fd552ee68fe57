/// Builds `TextFolding.clean` text piece by piece, without keeping the raw pieces: runs of
/// white space, also across pieces, become one space; none at the ends. The HTML sanitizer
/// collects the plain text of what it keeps this way.
public struct CleanText: Sendable {
    private var bytes: [UInt8] = []
    /// White space was seen after the last kept byte.
    private var pendingSpace = false

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `text`.
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends a word break (a space, if text follows).
    public mutating func appendSpace() {
        pendingSpace = !bytes.isEmpty
    }

    /// Appends UTF-8 bytes (well-formed, whole scalars). Text between breaks is copied in
    /// runs; a single ASCII space between two other characters stays inside its run.
    public mutating func append(_ input: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        var index = 0
        while index < input.count {
            if index + 8 <= input.count {
                // Skips words whose only white space is single ASCII spaces between other
                // characters, all inside the word.
                let word = ByteWords.word(input, at: index)
                let spaces = ByteWords.equal(word, UInt8(ascii: " "))
                let others = ByteWords.below(word, 0x20) | ByteWords.equal(word, 0xC2) | ByteWords.equal(word, 0xE1)
                    | ByteWords.equal(word, 0xE2) | ByteWords.equal(word, 0xE3)
                let firstOrLast: UInt64 = 0x8000_0000_0000_0080
                guard others != 0 || spaces & (spaces >> 8) != 0 || spaces & firstOrLast != 0 else {
                    index += 8
                    continue
                }
                index += ByteWords.firstOffset(spaces | others)
            }
            let space = TextFolding.spaceLength(input, at: index)
            if space == 0 {
                index += 1
                continue
            }
            if input[index] == UInt8(ascii: " "), index > runStart, index + 1 < input.count,
               TextFolding.spaceLength(input, at: index + 1) == 0 {
                index += 1
                continue
            }
            if runStart < index { appendRun(UnsafeBufferPointer(rebasing: input[runStart..<index])) }
            pendingSpace = !bytes.isEmpty
            index += space
            runStart = index
        }
        if runStart < input.count { appendRun(UnsafeBufferPointer(rebasing: input[runStart...])) }
    }

    private mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>) {
        if pendingSpace { bytes.append(UInt8(ascii: " ")) }
        pendingSpace = false
        bytes.append(contentsOf: run)
    }

    /// The text with its white space collapsed, as appended (not normalized).
    var collapsed: String { String(decoding: bytes, as: UTF8.self) }

    /// The text as `TextFolding.clean` gives it for all the pieces joined. (NFC and the
    /// collapsing of white space may come in either order: white space never composes
    /// with its neighbours, and NFC maps white space only to white space.)
    public var text: String { TextFolding.nfc(collapsed) }
}
