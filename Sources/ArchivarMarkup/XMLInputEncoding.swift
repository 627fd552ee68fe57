import ArchivarCore
import Foundation

/// Decides how the bytes of an XML document are read and hands libxml2 UTF-8 where it can.
///
/// Precedence (RFC 7303 §3.2 and XML 1.0 Appendix F): a byte order mark, then the
/// `charset` of the HTTP `Content-Type`, then the XML declaration's `encoding`, then
/// UTF-8. Bytes that are not valid UTF-8 although nothing declares another encoding
/// are read as Windows-1252 (what such feeds almost always are) and reported once.
/// Like browsers (WHATWG Encoding), the labels ISO-8859-1 and US-ASCII are read as
/// Windows-1252, its superset, so that "smart quotes" in such feeds survive.
/// Spec: RFC 7303 §3.2, XML 1.0 (Fifth Edition) Appendix F.
struct XMLInputEncoding {
    /// The bytes to parse.
    var data: Data
    /// The encoding libxml2 must use regardless of the declaration, or nil to let it read the declaration.
    var override: String?
    /// What had to be guessed or repaired.
    var problems: [Problem] = []
    /// The bytes were taken for UTF-8 without checking them (`assumingValidUTF8`).
    private(set) var assumedValidUTF8 = false
    /// `data` is UTF-8 (declared, by default or transcoded), not an encoding libxml2 converts through iconv.
    private(set) var isUTF8 = true

    /// Reads `data`; `charset` is the HTTP charset parameter, if any. With `assumingValidUTF8`
    /// bytes that are UTF-8 by declaration or by default are not checked: the caller checks
    /// them (see `assumedValidUTF8`) and reads them again if they are not.
    init(_ data: Data, charset: String?, assumingValidUTF8: Bool = false) {
        self.data = data
        if let (encoding, bomLength) = Self.byteOrderMark(data) ?? Self.utf16WithoutMark(data) {
            transcode(data.dropFirst(bomLength), from: encoding, label: "\(encoding)")
            return
        }
        let label = charset?.trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")).lowercased()
            ?? Self.declaredEncoding(data)?.lowercased()
        guard let label, !Self.utf8Labels.contains(label) else {
            // UTF-8 by declaration or by default.
            assumedValidUTF8 = assumingValidUTF8
            if !assumingValidUTF8, !Self.isValidUTF8(data) {
                transcode(data, from: .windowsCP1252, label: "windows-1252")
                problems = [Problem(line: 1, "not valid UTF-8; read as Windows-1252")]
            } else if charset != nil {
                override = "UTF-8"
            }
            return
        }
        guard let encoding = Self.foundationEncodings[label] else {
            // An encoding Foundation does not know (KOI8-R, ISO-8859-15, …): libxml2 reads it through iconv.
            override = charset == nil ? nil : label
            isUTF8 = false
            return
        }
        transcode(data, from: encoding, label: label)
    }

    private mutating func transcode(_ bytes: Data, from encoding: String.Encoding, label: String) {
        // Windows-1252 leaves five bytes undefined; ISO-8859-1 maps every byte.
        guard let text = String(data: bytes, encoding: encoding)
            ?? (encoding == .windowsCP1252 ? String(data: bytes, encoding: .isoLatin1) : nil) else {
            if let fallback = String(data: bytes, encoding: .windowsCP1252) ?? String(data: bytes, encoding: .isoLatin1) {
                data = Data(fallback.utf8)
                override = "UTF-8"
                problems.append(Problem(line: 1, "not valid \(label); read as Windows-1252"))
            }
            return
        }
        data = Data(text.utf8)
        override = "UTF-8"
    }

    /// `isValidUTF8` on a thread of its own, while the caller parses the bytes meanwhile.
    final class ConcurrentCheck: @unchecked Sendable {
        // @unchecked: `valid` is written before `done` is signalled and read after waiting for it.
        private let done = DispatchSemaphore(value: 0)
        private var valid = false

        init(_ data: Data) {
            Thread.detachNewThread { [self] in
                valid = XMLInputEncoding.isValidUTF8(data)
                done.signal()
            }
        }

        /// Waits for the check; ask once.
        func isValid() -> Bool {
            done.wait()
            return valid
        }
    }

    /// Whether `data` is well-formed UTF-8 (what `String(data:encoding: .utf8)` accepts),
    /// checked without copying a feed of many megabytes into a string first.
    /// Spec: Unicode 15 §3.9, Table 3-7 (well-formed UTF-8 byte sequences).
    static func isValidUTF8(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            let bytes = base.assumingMemoryBound(to: UInt8.self)
            let count = raw.count
            var index = 0
            let buffer = UnsafeBufferPointer(start: bytes, count: count)
            while index < count {
                // Eight bytes at a time while they are ASCII or whole two-byte sequences
                // (umlauts, ß): each lead followed by a continuation byte, and no other.
                while index + 8 <= count {
                    let word = ByteWords.word(buffer, at: index)
                    let leads = ByteWords.twoByteLeads(word)
                    guard ByteWords.longerLeads(word) == 0, ByteWords.continuations(word) == leads << 8,
                          leads >> 56 == 0, word & 0x8080_8080_8080_8080 == leads | leads << 8 else { break }
                    index += 8
                }
                guard index < count else { break }
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                // The range of the second byte depends on the lead (no overlong forms,
                // no surrogates, nothing above U+10FFFF); later bytes are 80…BF.
                let length: Int
                var second: ClosedRange<UInt8> = 0x80...0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; second = 0xA0...0xBF
                case 0xE1...0xEC, 0xEE, 0xEF: length = 3
                case 0xED: length = 3; second = 0x80...0x9F
                case 0xF0: length = 4; second = 0x90...0xBF
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; second = 0x80...0x8F
                default: return false
                }
                guard index + length <= count, second.contains(bytes[index + 1]) else { return false }
                for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
                index += length
            }
            return true
        }
    }

    private static func byteOrderMark(_ data: Data) -> (String.Encoding, Int)? {
        let head = [UInt8](data.prefix(3))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if head.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, 2) }
        if head.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, 2) }
        return nil
    }

    /// `<?` in UTF-16 without a byte order mark (XML 1.0 Appendix F.1).
    private static func utf16WithoutMark(_ data: Data) -> (String.Encoding, Int)? {
        let head = [UInt8](data.prefix(4))
        if head == [0x3C, 0x00, 0x3F, 0x00] { return (.utf16LittleEndian, 0) }
        if head == [0x00, 0x3C, 0x00, 0x3F] { return (.utf16BigEndian, 0) }
        return nil
    }

    /// The `encoding` of the XML declaration, read from the ASCII-compatible first 512 bytes:
    /// after white space `<?xml`, then before any `>` the first `encoding = "label"` (either
    /// quote; the label of ASCII letters, digits and `._:-`). White space is what Unicode
    /// calls so among the bytes read as ISO-8859-1. Read byte by byte: a regular expression
    /// took 1.6 ms a process to set up, before the parse could begin.
    static func declaredEncoding(_ data: Data) -> String? {
        let head = [UInt8](data.prefix(512))
        var index = head.firstIndex { !isSpace($0) } ?? head.count
        guard head[index...].starts(with: "<?xml".utf8) else { return nil }
        index += 5
        while index < head.count, head[index] != UInt8(ascii: ">") {
            if let label = encodingLabel(in: head, at: index) { return label }
            index += 1
        }
        return nil
    }

    /// The label of `encoding = "label"` at `start`, if that is there.
    private static func encodingLabel(in head: [UInt8], at start: Int) -> String? {
        guard head[start...].starts(with: "encoding".utf8) else { return nil }
        var index = start + 8
        func skipSpace() { while index < head.count, isSpace(head[index]) { index += 1 } }
        func isQuote(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") }
        skipSpace()
        guard index < head.count, head[index] == UInt8(ascii: "=") else { return nil }
        index += 1
        skipSpace()
        guard index < head.count, isQuote(head[index]) else { return nil }
        index += 1
        let labelStart = index
        while index < head.count, isLabelByte(head[index]) { index += 1 }
        guard index > labelStart, index < head.count, isQuote(head[index]) else { return nil }
        return String(decoding: head[labelStart..<index], as: UTF8.self)
    }

    /// Tab, line feed, vertical tab, form feed, carriage return, space, NEL and no-break space.
    private static func isSpace(_ byte: UInt8) -> Bool {
        (0x09...0x0D).contains(byte) || byte == 0x20 || byte == 0x85 || byte == 0xA0
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"): true
        default: false
        }
    }

    private static let utf8Labels: Set<String> = ["utf-8", "utf8", "unicode-1-1-utf-8"]

    private static let foundationEncodings: [String: String.Encoding] = [
        "iso-8859-1": .windowsCP1252, "iso8859-1": .windowsCP1252, "iso_8859-1": .windowsCP1252,
        "latin1": .windowsCP1252, "l1": .windowsCP1252, "us-ascii": .windowsCP1252, "ascii": .windowsCP1252,
        "windows-1252": .windowsCP1252, "cp1252": .windowsCP1252, "x-cp1252": .windowsCP1252,
        "iso-8859-2": .isoLatin2, "latin2": .isoLatin2, "windows-1250": .windowsCP1250, "cp1250": .windowsCP1250,
        "windows-1251": .windowsCP1251, "cp1251": .windowsCP1251,
        "utf-16": .utf16, "utf-16le": .utf16LittleEndian, "utf-16be": .utf16BigEndian,
    ]
}
