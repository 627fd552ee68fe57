import ArchivarCore

/// Where the item itself lives: `link`, else `URL`, else the DOI resolver — only
/// http(s) addresses, so a `javascript:` link from a feed never becomes a link here.
enum OriginalLink {
    static func of(_ record: Record) -> String? {
        let candidates = [record.link, record.url, record.doi.map { "https://doi.org/" + $0 }]
        return candidates.compactMap { $0 }.first { link in
            let lower = link.lowercased()
            return lower.hasPrefix("https://") || lower.hasPrefix("http://")
        }
    }
}
