/// Builds `TextFolding.clean` text piece by piece: runs of white space, also across
/// pieces, become one space; none at the ends. The pieces are kept as they come and
/// cleaned only when the text is asked for. The HTML sanitizer collects the plain text of
/// what it keeps this way (only the search index asks for it).
public struct CleanText: Sendable {
    /// The pieces joined, a space for each word break.
    private var bytes: [UInt8] = []

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
        bytes.append(UInt8(ascii: " "))
    }

    /// Appends UTF-8 bytes (well-formed, whole scalars).
    public mutating func append(_ input: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: input)
    }

    /// The text with its white space collapsed, as appended (not normalized).
    var collapsed: String { bytes.withUnsafeBufferPointer(Self.collapsing) }

    /// The text as `TextFolding.clean` gives it for all the pieces joined. (NFC and the
    /// collapsing of white space may come in either order: white space never composes
    /// with its neighbours, and NFC maps white space only to white space.)
    public var text: String { TextFolding.nfc(collapsed) }

    /// `input` (well-formed UTF-8) with each run of white space made one space and none at
    /// the ends. Text between white space is copied in runs; a single ASCII space between
    /// two other characters stays inside its run.
    static func collapsing(_ input: UnsafeBufferPointer<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var pendingSpace = false
        var runStart = 0
        var index = 0
        func appendRun(_ end: Int) {
            guard runStart < end else { return }
            if pendingSpace { output.append(UInt8(ascii: " ")) }
            pendingSpace = false
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<end]))
        }
        while index < input.count {
            if index + 8 <= input.count {
                // Skips words whose only white space is single ASCII spaces between other
                // characters, all inside the word.
                let word = ByteWords.word(input, at: index)
                let spaces = ByteWords.equal(word, UInt8(ascii: " "))
                let others = ByteWords.otherWhiteSpaceLeads(word)
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
            appendRun(index)
            pendingSpace = !output.isEmpty
            index += space
            runStart = index
        }
        appendRun(input.count)
        return String(decoding: output, as: UTF8.self)
    }
}
