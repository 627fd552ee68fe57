import Foundation

/// Percent-encoding for the links and redirects the server builds, and decoding of
/// form-encoded query components.
/// Spec: RFC 3986 §2.
enum PercentEncoding {
    /// The unreserved characters: everything else is encoded.
    private static let unreserved = CharacterSet(charactersIn:
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `text` with every character but the unreserved ones percent-encoded: safe as one
    /// path segment or one query value.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// A form-encoded query name or value: `+` is a space, then percent-decoding; a
    /// malformed escape keeps the text as it came.
    static func decodeFormComponent(_ component: Substring) -> String {
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
