import Foundation

/// Any JSON value. Records keep their CSL-JSON fields as JSON values so that
/// fields Archivar does not know survive import and export unchanged.
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as text: strings as they are, numbers without a trailing `.0`.
    public var text: String? {
        switch self {
        case .string(let value): return value
        case .number(let value):
            return value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        default: return nil
        }
    }

    /// The value as an integer, also from a numeric string ("2016").
    public var integer: Int? {
        switch self {
        case .number(let value): return value.rounded() == value ? Int(value) : nil
        case .string(let value): return Int(value.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    public var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var object: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Decodes JSON text into a value; a syntax error says where (line and column).
    public static func parse(_ data: Data) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw JSONSyntaxError(data: data, underlying: error)
        }
    }

    /// Compact JSON text with sorted keys: the same value always gives the same bytes.
    public func canonicalData() -> Data { Data(canonicalBytes()) }

    /// `canonicalData` as a string. Written by hand rather than with `JSONEncoder`
    /// (`.sortedKeys`, `.withoutEscapingSlashes`), byte for byte what that gives, at
    /// a fraction of its cost: keys in UTF-8 byte order, only `"`, `\` and control
    /// characters escaped. A number that is not finite becomes `null`.
    public func canonicalText() -> String { String(decoding: canonicalBytes(), as: UTF8.self) }

    private func canonicalBytes() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(to: &output)
        return output
    }

    /// Appends the value's canonical text.
    func write(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value): output.append(contentsOf: Self.numberText(value).utf8)
        case .string(let value): Self.write(value, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            Self.writeObject(object, to: &output)
        }
    }

    /// Appends `object` with its keys in canonical order; `extra`, when given, as one more
    /// member, in place of a member of the same key. Sorts the members in place, without
    /// copying them: by the first eight bytes of their keys, compared as one number, and by
    /// the whole keys only where those are equal.
    static func writeObject(_ object: [String: JSONValue], adding extra: (key: String, value: JSONValue)? = nil,
                            to output: inout [UInt8]) {
        typealias Member = (prefix: UInt64, index: Dictionary<String, JSONValue>.Index?)
        output.append(UInt8(ascii: "{"))
        withUnsafeTemporaryAllocation(of: Member.self, capacity: object.count + 1) { members in
            var count = 0
            var index = object.startIndex
            while index != object.endIndex {
                let key = object.keys[index]
                if key != extra?.key {
                    members.initializeElement(at: count, to: (Self.utf8Prefix(key), index))
                    count += 1
                }
                object.formIndex(after: &index)
            }
            if let extra {
                members.initializeElement(at: count, to: (Self.utf8Prefix(extra.key), nil))
                count += 1
            }
            var sorted = UnsafeMutableBufferPointer(rebasing: members[..<count])
            defer { sorted.deinitialize() }
            func key(_ member: Member) -> String { member.index.map { object.keys[$0] } ?? extra?.key ?? "" }
            sorted.sort { $0.prefix != $1.prefix ? $0.prefix < $1.prefix : Self.utf8Precedes(key($0), key($1)) }
            for (position, member) in sorted.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                if let index = member.index {
                    Self.writeMember(object.keys[index], object.values[index], to: &output)
                } else if let extra {
                    Self.writeMember(extra.key, extra.value, to: &output)
                }
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// The first eight bytes of `key`'s UTF-8 (zeros after a shorter key) as a number that
    /// orders as the bytes do: when two differ, they order as `utf8Precedes` orders the keys.
    static func utf8Prefix(_ key: String) -> UInt64 {
        func prefix(_ bytes: some Sequence<UInt8>) -> UInt64 {
            var prefix: UInt64 = 0, shift: UInt64 = 56
            for byte in bytes.prefix(8) {
                prefix |= UInt64(byte) << shift
                shift &-= 8
            }
            return prefix
        }
        return key.utf8.withContiguousStorageIfAvailable(prefix) ?? prefix(key.utf8)
    }

    /// Appends one object member, `"key":value`.
    static func writeMember(_ key: String, _ value: JSONValue, to output: inout [UInt8]) {
        write(key, to: &output)
        output.append(UInt8(ascii: ":"))
        value.write(to: &output)
    }

    /// Whether `one`'s UTF-8 sorts before `other`'s, byte by byte (a shorter prefix first):
    /// canonical key order. `String`'s own `<` orders by Unicode's canonical equivalence instead.
    static func utf8Precedes(_ one: String, _ other: String) -> Bool {
        var left = one.utf8.makeIterator(), right = other.utf8.makeIterator()
        while let byte = left.next() {
            guard let otherByte = right.next() else { return false }
            if byte != otherByte { return byte < otherByte }
        }
        return right.next() != nil
    }

    /// Whole numbers as integers (as `encode(to:)` writes them); others as `JSONEncoder`
    /// writes a `Double`, which is rare enough to leave to it.
    private static func numberText(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        guard value.isFinite, let data = try? JSONEncoder().encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// A JSON string literal, copied in runs of bytes between the characters to escape.
    private static func write(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            ByteWords.forEachRun(in: bytes, candidates: { word in
                ByteWords.below(word, 0x20) | ByteWords.equal(word, UInt8(ascii: "\"")) | ByteWords.equal(word, UInt8(ascii: "\\"))
            }, classify: { byte in
                byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") ? () : nil
            }, run: { output.append(contentsOf: $0) }, special: { byte, _ in
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
                case 0x0A: output.append(contentsOf: #"\n"#.utf8)
                case 0x0D: output.append(contentsOf: #"\r"#.utf8)
                case 0x09: output.append(contentsOf: #"\t"#.utf8)
                case 0x08: output.append(contentsOf: #"\b"#.utf8)
                case 0x0C: output.append(contentsOf: #"\f"#.utf8)
                default:
                    let hex = String(byte, radix: 16)
                    output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
            })
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// Invalid JSON, with the position Foundation's parser stopped at as line and column.
public struct JSONSyntaxError: Error, CustomStringConvertible {
    public let line: Int?
    public let column: Int?
    public let reason: String

    init(data: Data, underlying: Error) {
        // JSONDecoder hides the position; JSONSerialization reports "around character N".
        var offset: Int?
        var reason = "not valid JSON"
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
            reason = detail.isEmpty ? reason : detail
            if let match = detail.firstMatch(of: #/character (\d+)/#) { offset = Int(match.1) }
        }
        if data.isEmpty { reason = "the file is empty" }
        if let offset {
            let prefix = data.prefix(offset)
            let lines = prefix.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            line = lines.count
            column = (lines.last?.count ?? 0) + 1
        } else {
            line = nil
            column = nil
        }
        self.reason = reason.replacing(#/ around character \d+/#, with: "")
    }

    public var description: String {
        guard let line, let column else { return reason }
        return "line \(line), column \(column): \(reason)"
    }
}
