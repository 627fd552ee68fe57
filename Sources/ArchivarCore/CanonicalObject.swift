/// A JSON object's canonical text (`JSONValue.canonicalText`: compact, keys in UTF-8 byte
/// order) written once, member by member: its bytes give a content hash, and the text with
/// some members set differently is made without writing the others again. The catalog
/// hashes a record and stores it with its hash and dates from one serialization.
public struct CanonicalObject: Sendable {
    /// The canonical text's UTF-8.
    public private(set) var utf8: [UInt8] = []
    /// Each member's key and where its `"key":value` lies in `utf8`, in key order.
    private var members: [(key: String, bytes: Range<Int>)] = []

    public init(_ object: [String: JSONValue]) {
        utf8.reserveCapacity(4096)
        utf8.append(UInt8(ascii: "{"))
        for (index, (key, value)) in object.sorted(by: { JSONValue.utf8Precedes($0.key, $1.key) }).enumerated() {
            if index > 0 { utf8.append(UInt8(ascii: ",")) }
            let start = utf8.count
            JSONValue.writeMember(key, value, to: &utf8)
            members.append((key, start ..< utf8.count))
        }
        utf8.append(UInt8(ascii: "}"))
    }

    /// The UTF-8 of the canonical text of the object with `changes` made: each key set to its
    /// value, or left out when the value is nil. Byte for byte the `canonicalText` of the
    /// changed object.
    public func utf8(setting changes: [String: JSONValue?]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count + 256)
        output.append(UInt8(ascii: "{"))
        let changed = changes.sorted { JSONValue.utf8Precedes($0.key, $1.key) }
        var member = 0, change = 0
        func separate() {
            if output.count > 1 { output.append(UInt8(ascii: ",")) }
        }
        while member < members.count || change < changed.count {
            // A change comes first when its key sorts before the next member's, or replaces it when equal.
            if change < changed.count, member == members.count || !JSONValue.utf8Precedes(members[member].key, changed[change].key) {
                let (key, value) = changed[change]
                if member < members.count, members[member].key == key { member += 1 }
                if let value {
                    separate()
                    JSONValue.writeMember(key, value, to: &output)
                }
                change += 1
            } else {
                separate()
                output.append(contentsOf: utf8[members[member].bytes])
                member += 1
            }
        }
        output.append(UInt8(ascii: "}"))
        return output
    }
}

extension Record {
    /// The record without `hash` and `updated` as canonical JSON: what `contentHash()` hashes.
    public func canonicalContent() -> CanonicalObject {
        var object = fields
        object["id"] = .string(id)
        object["hash"] = nil
        object["updated"] = nil
        return CanonicalObject(object)
    }
}
