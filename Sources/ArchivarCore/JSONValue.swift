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
    public func canonicalData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps to a JSON value.
        return (try? encoder.encode(self)) ?? Data("null".utf8)
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
