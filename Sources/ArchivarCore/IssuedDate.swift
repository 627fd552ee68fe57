/// A CSL-JSON date: `date-parts` ([[year, month, day]]), or a `literal`/`raw` text.
public struct IssuedDate: Sendable, Hashable {
    public var parts: [Int]
    public var literal: String?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        parts = [year] + [month, day].prefix { $0 != nil }.compactMap { $0 }
    }

    public init?(json: JSONValue) {
        guard let object = json.object else { return nil }
        let first = object["date-parts"]?.array?.first?.array ?? []
        parts = first.compactMap(\.integer)
        literal = object["literal"]?.text ?? object["raw"]?.text
        if parts.isEmpty, literal == nil { return nil }
        if parts.isEmpty, let literal, let year = Int(literal.prefix(4)) { parts = [year] }
    }

    public var year: Int? { parts.first }
    public var month: Int? { parts.count > 1 ? parts[1] : nil }
    public var day: Int? { parts.count > 2 ? parts[2] : nil }

    public var json: JSONValue {
        var object: [String: JSONValue] = [:]
        if !parts.isEmpty { object["date-parts"] = .array([.array(parts.map { .number(Double($0)) })]) }
        if let literal { object["literal"] = .string(literal) }
        return .object(object)
    }
}
