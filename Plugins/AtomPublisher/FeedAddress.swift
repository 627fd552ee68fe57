import ArchivarCore

/// The absolute addresses a feed points to. The paths follow the HTML archive
/// (`records/<id>/`, `publications/`…) so entry links land on the published pages.
struct FeedAddress: Sendable {
    /// `config.baseURL`, always ending in `/`.
    let base: String

    init(baseURL: String) {
        base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    /// `base` + `path`.
    func absolute(_ path: String) -> String { base + path }

    /// The record's page, also its stable entry id; nil for an empty id. An id that is not
    /// a safe path segment is percent-encoded as the HTML publisher names its folder.
    func recordPage(id: String) -> String? {
        guard !id.isEmpty else { return nil }
        return base + "records/" + PathSegment.url(id) + "/"
    }

    /// The archive page that lists a kind.
    func kindPage(_ kind: String) -> String {
        switch kind {
        case RecordKind.publication: return base + "publications/"
        case RecordKind.press: return base + "press/"
        case RecordKind.partner: return base + "partners/"
        default: return base
        }
    }
}
