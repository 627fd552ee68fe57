import Foundation

/// Cuts a byte stream into lines at LF (a CR before it is dropped too).
struct LineSplitter {
    private var pending = Data()

    /// Adds `chunk` and returns the lines it completed.
    mutating func append(_ chunk: Data) -> [Data] {
        pending.append(chunk)
        var lines: [Data] = []
        var start = pending.startIndex
        while let newline = pending[start...].firstIndex(of: 0x0A) {
            lines.append(Self.withoutCarriageReturn(pending[start..<newline]))
            start = pending.index(after: newline)
        }
        if start != pending.startIndex { pending = Data(pending[start...]) }
        return lines
    }

    /// The last line when the stream did not end with a newline.
    mutating func finish() -> Data? {
        defer { pending = Data() }
        return pending.isEmpty ? nil : Self.withoutCarriageReturn(pending[...])
    }

    private static func withoutCarriageReturn(_ line: Data.SubSequence) -> Data {
        Data(line.last == 0x0D ? line.dropLast() : line)
    }
}
