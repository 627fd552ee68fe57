/// Content types by file extension; text types say `charset=utf-8` (the archive is
/// written in UTF-8).
/// Spec: IANA media types; RFC 4287 §7 (`application/atom+xml`).
enum MIMEType {
    static let html = "text/html; charset=utf-8"
    static let json = "application/json; charset=utf-8"
    static let text = "text/plain; charset=utf-8"
    /// Anything not in the table: browsers offer it as a download.
    static let fallback = "application/octet-stream"

    private static let byExtension: [String: String] = [
        "html": html, "htm": html,
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "atom": "application/atom+xml; charset=utf-8",
        "xml": "application/xml; charset=utf-8",
        "json": json,
        "txt": text,
        "bib": "application/x-bibtex; charset=utf-8",
        "ris": "application/x-research-info-systems; charset=utf-8",
        "png": "image/png",
        "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "svg": "image/svg+xml; charset=utf-8",
        "ico": "image/x-icon",
        "pdf": "application/pdf",
        "woff2": "font/woff2",
        "woff": "font/woff",
    ]

    /// The content type for a file name, by its extension (case-insensitive).
    static func forFile(named name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return fallback }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? fallback
    }
}
