/// Builds `TextFolding.clean` text piece by piece, without keeping the raw pieces: runs of
/// white space, also across pieces, become one space; none at the ends. The HTML sanitizer
/// collects the plain text of what it keeps this way.
public struct CleanText {
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

    /// Appends UTF-8 bytes (well-formed, whole scalars), copying each run of non-space bytes at once.
    mutating func append(_ input: UnsafeBufferPointer<UInt8>) {
        var runStart: Int?
        var index = 0
        while index < input.count {
            let space = TextFolding.spaceLength(input, at: index)
            if space > 0 {
                if let start = runStart { appendRun(UnsafeBufferPointer(rebasing: input[start..<index])) }
                runStart = nil
                pendingSpace = !bytes.isEmpty
                index += space
            } else {
                if runStart == nil { runStart = index }
                index += 1
            }
        }
        if let start = runStart { appendRun(UnsafeBufferPointer(rebasing: input[start...])) }
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
