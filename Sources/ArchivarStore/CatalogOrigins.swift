import ArchivarCore

/// One delivery of a record: the source and its item id, and when Archivar first saw it.
public struct StoredOrigin: Sendable, Equatable {
    public var origin: RecordOrigin
    /// RFC 3339 time of the first harvest that brought this item.
    public var firstSeen: String
}

extension Catalog {
    /// Which sources delivered the record `id`, earliest first: what `archivar show` lists.
    public func origins(of id: String) throws -> [StoredOrigin] {
        try withReader { connection in
            var origins: [StoredOrigin] = []
            try connection.run("""
                SELECT source, item_id, first_seen FROM origins WHERE record_id = ?1 ORDER BY first_seen, source, item_id
                """, [.text(id)]) { row in
                origins.append(StoredOrigin(origin: RecordOrigin(source: row.text(0) ?? "", itemID: row.text(1) ?? ""),
                                            firstSeen: row.text(2) ?? ""))
            }
            return origins
        }
    }
}
