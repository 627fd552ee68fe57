@testable import ArchivarMarkup
import ArchivarTestSupport
import Foundation
import Testing

/// The sanitizer resolves the usual root-relative link (`/publikationen/x/`) without the URL
/// parser: it must give what the URL parser gives, and leave every other link to it.
@Suite struct RootPathLinkTests {
    static let bases = ["https://www.ikpe-erfurt.de/", "http://example.org", "https://example.org/a/b/?c=1#d", "https://Example.org/",
                        "https://host.example:8080/x/", "https://user@host.example/", "HTTPS://host.example/", "ftp://host.example/",
                        "https://xn--mnchen-3ya.de/x", "https://host_name.example/", "file:///tmp/feed.xml"]
    static let pieces = ["/", "/", "a", "Z", "0", "-", ".", "..", "_", "~", "%20", "?", "#", "x=y", "ä", " ", ":", "@", "//", "./", "../"]

    /// What `URL(string:relativeTo:)` makes of `reference`, as `safeURL` returns it (http(s) only).
    static func parsed(_ reference: String, against base: URL) -> String? {
        guard let absolute = URL(string: reference, relativeTo: base)?.absoluteURL,
              let scheme = absolute.scheme?.lowercased(), scheme == "http" || scheme == "https" else { return nil }
        return absolute.absoluteString
    }

    @Test func aRootPathOnAPlainSiteIsResolvedWithoutTheParser() throws {
        let base = try #require(URL(string: "https://www.ikpe-erfurt.de/"))
        #expect(HTMLSanitizer.rootPathLink("/publikationen/inklusion/", against: base) == "https://www.ikpe-erfurt.de/publikationen/inklusion/")
        #expect(HTMLSanitizer.rootPathLink("/a/../b", against: base) == nil)
        #expect(HTMLSanitizer.rootPathLink("//evil.example/x", against: base) == nil)
        #expect(HTMLSanitizer.rootPathLink("/x?y=1", against: base) == nil)
    }

    @Test func theShortcutGivesWhatTheURLParserGives() throws {
        var random = SplitMix64(seed: 42)
        var shortcuts = 0
        for baseText in Self.bases {
            let base = try #require(URL(string: baseText))
            for _ in 0..<400 {
                let reference = "/" + (0..<Int(random.next() % 6)).map { _ in Self.pieces[Int(random.next() % UInt64(Self.pieces.count))] }.joined()
                guard let link = HTMLSanitizer.rootPathLink(reference, against: base) else { continue }
                shortcuts += 1
                #expect(link == Self.parsed(reference, against: base), "\(reference) against \(baseText)")
                #expect(HTMLSanitizer(baseURL: base).safeURL(reference) == link)
            }
        }
        #expect(shortcuts > 300)
    }
}
