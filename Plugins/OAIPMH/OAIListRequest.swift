import Foundation

/// The `ListRecords` requests of one harvest: the first with the selective-harvesting
/// arguments, every later one with nothing but the resumption token (an exclusive argument).
/// Spec: OAI-PMH 2.0 §3.5 (flow control), §4.5 (ListRecords).
struct OAIListRequest: Sendable {
    var baseURL: URL
    var metadataPrefix: String
    var set: String?
    /// A UTC datestamp in the repository's granularity.
    var from: String?

    /// The URL of the first page.
    var firstPage: URL {
        url(["metadataPrefix": metadataPrefix, "set": set, "from": from])
    }

    /// The URL of the page a resumption token points to.
    func page(resumptionToken: String) -> URL {
        url(["resumptionToken": resumptionToken])
    }

    private func url(_ arguments: [String: String?]) -> URL {
        var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) ?? URLComponents()
        let pairs = [("verb", "ListRecords")] + arguments.compactMap { key, value in value.map { (key, $0) } }.sorted { $0.0 < $1.0 }
        let query = pairs.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        components.percentEncodedQuery = [components.percentEncodedQuery, query].compactMap { $0 }.joined(separator: "&")
        return components.url ?? baseURL
    }

    /// Tokens are opaque and often hold `+`, `/` or `=`: everything but unreserved characters
    /// is percent-encoded, so a server's form decoding cannot turn `+` into a space.
    private static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
