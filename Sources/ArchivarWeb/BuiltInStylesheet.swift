import ArchivarCore
import ArchivarHTML
import Foundation

/// The archive's stylesheet as the binary holds it (`Stylesheet.css`, the text the html
/// sink writes into `archive/`), for a site whose archive has none: `/search` links
/// `style.css` and looks the same before the first `publish`. Its ETag is a hash of the
/// CSS, so it changes with the binary's CSS; there is no file date to send.
enum BuiltInStylesheet {
    /// The request path the pages link.
    static let path = "/" + Stylesheet.fileName

    private static let body = Data(Stylesheet.css.utf8)
    private static let validators = CacheValidators(etag: "\"css-" + StableHash.hex(of: body) + "\"", modified: nil)

    /// `200` with the CSS, or `304` when the client's copy is current.
    static func response(to request: HTTPRequest) -> HTTPResponse {
        validators.response(to: request, contentType: MIMEType.forFile(named: Stylesheet.fileName), body: { body })
    }
}
