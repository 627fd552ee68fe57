import ArchivarCore
import Foundation

/// The text of a BibTeX or RIS file: UTF-8 where the bytes are UTF-8, and every byte that
/// is not, read as Windows-1252 (which agrees with Latin-1 on every letter), as older
/// exports from Windows programs (EndNote, Citavi, JabRef) write them. A file that mixes
/// both, such as two files joined into one, keeps its UTF-8 text intact. A leading byte
/// order mark is dropped.
enum BibliographyText {
    /// The text, and a note naming the first line that was not UTF-8 (nil when all was).
    static func decode(_ data: Data) -> (text: String, note: Problem?) {
        if var text = String(data: data, encoding: .utf8) {
            if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
            return (text, nil)
        }
        var scalars = String.UnicodeScalarView()
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        var offset = data.startIndex
        var places: [Int] = []
        decoding: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                scalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .error(let length):
                places.append(offset)
                for byte in data[offset..<(offset + length)] { scalars.append(windows1252[Int(byte)]) }
                offset += length
            case .emptyInput:
                break decoding
            }
        }
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let line = data[..<places[0]].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let elsewhere = switch places.count {
        case 1: ""
        case 2: " here and in 1 more place"
        default: " here and in \(places.count - 1) more places"
        }
        return (String(scalars), .note(line: line, "not UTF-8\(elsewhere): read as Windows-1252 (Latin-1)"))
    }

    /// Each byte's character in Windows-1252; the five bytes it leaves undefined, and the
    /// ASCII range, as Latin-1 has them.
    private static let windows1252: [Unicode.Scalar] = (0...255).map { (byte: Int) in
        let value = UInt8(byte)
        guard value >= 0x80, value < 0xA0 else { return Unicode.Scalar(value) }
        return String(data: Data([value]), encoding: .windowsCP1252)?.unicodeScalars.first ?? Unicode.Scalar(value)
    }
}
