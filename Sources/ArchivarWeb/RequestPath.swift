/// A request path decoded segment by segment and checked so that it can only name
/// something inside the archive.
///
/// Each segment is percent-decoded once; it is refused when it, or the text left after
/// decoding it a second time (a double-encoded `%252e%252e`), is `.` or `..`, holds a
/// `/` (an encoded `%2f`), a backslash, a NUL or another control character. Hidden
/// names (a leading `.`, as the temporary files of an atomic publish have) are never
/// served. Empty segments (`//`) are dropped.
/// Spec: RFC 3986 §3.3; OWASP "Path Traversal".
struct RequestPath: Equatable {
    /// The decoded segments, none of them empty.
    let segments: [String]
    /// Whether the path ends in `/` (a directory).
    let hasTrailingSlash: Bool

    /// Checks `raw`, the path as sent (still percent-encoded).
    /// - Throws: `HTTPError` 400 for a malformed or hostile path, 404 for a hidden name.
    init(raw: String) throws(HTTPError) {
        guard raw.hasPrefix("/") else { throw HTTPError(.badRequest, "path does not start with /") }
        var segments: [String] = []
        for rawSegment in raw.split(separator: "/", omittingEmptySubsequences: true) {
            guard let once = rawSegment.removingPercentEncoding else {
                throw HTTPError(.badRequest, "malformed percent-encoding in path")
            }
            let twice = once.removingPercentEncoding ?? once
            if Self.isHostile(once) || Self.isHostile(twice) {
                throw HTTPError(.badRequest, "path segment would leave the archive")
            }
            if once.hasPrefix(".") { throw HTTPError(.notFound, "hidden file") }
            segments.append(once)
        }
        self.segments = segments
        hasTrailingSlash = raw.hasSuffix("/")
    }

    /// The decoded path, `/` joined: what routes are matched against.
    var decoded: String {
        "/" + segments.joined(separator: "/") + (hasTrailingSlash && !segments.isEmpty ? "/" : "")
    }

    private static func isHostile(_ segment: String) -> Bool {
        segment == "." || segment == ".."
            || segment.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.properties.generalCategory == .control }
    }
}
