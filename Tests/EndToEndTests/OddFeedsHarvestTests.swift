import ArchivarTestSupport
import ArchivarWeb
import Foundation
import Testing

/// Issue 3's "must show": the odd-feeds corpus served by a partner server on 127.0.0.1
/// and harvested in one run by the built binary.
@Suite struct OddFeedsHarvestTests {
    /// One corpus file as the manifest describes it.
    struct CorpusFeed {
        let file: String
        let fails: Bool
        let records: Int
        let problemLines: [Int]
        let contentType: String?

        /// The source id the test gives the file: `odd-` plus the file name as a slug.
        var sourceID: String {
            "odd-" + String(file.map { $0.isLetter || $0.isNumber ? $0 : "-" })
        }
    }

    static let corpus = Repository.root.appendingPathComponent("Tests/PluginTests/Fixtures/odd-feeds")

    static func manifest() throws -> [CorpusFeed] {
        let data = try Data(contentsOf: corpus.appendingPathComponent("expected.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let feeds = object?["feeds"] as? [[String: Any]] ?? []
        return feeds.map { feed in
            CorpusFeed(file: feed["file"] as? String ?? "", fails: feed["fails"] as? Bool ?? false,
                       records: feed["records"] as? Int ?? 0, problemLines: feed["problemLines"] as? [Int] ?? [],
                       contentType: feed["contentType"] as? String)
        }
    }

    /// A site whose only sources are the corpus files (those that hold a feed, or all),
    /// each served with an ETag so that a second run can be answered with 304.
    private func site(serving feeds: [CorpusFeed], from server: PartnerServer) throws -> ArchivarSite {
        let site = try ArchivarSite()
        for name in try FileManager.default.contentsOfDirectory(atPath: site.directory.file("feeds").path) where name.hasSuffix(".json") {
            try FileManager.default.removeItem(at: site.directory.file("feeds/\(name)"))
        }
        for feed in feeds {
            let body = try Data(contentsOf: Self.corpus.appendingPathComponent(feed.file))
            server.serve("/feeds/\(feed.file)", body: body, contentType: feed.contentType ?? "application/xml",
                         etag: "\"\(feed.sourceID)-1\"")
            try site.directory.write("""
                {"id": "\(feed.sourceID)", "plugin": "rss", "url": "\(server.url("/feeds/\(feed.file)").absoluteString)", "kind": "partner"}
                """, to: "feeds/\(feed.sourceID).json")
        }
        return site
    }

    /// The counts `harvest` printed for a source: new, changed, unchanged.
    private func summary(of source: String, in output: String) -> [Int]? {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("\(source): ") }) else { return nil }
        return line.split(separator: " ").compactMap { Int($0) }
    }

    @Test func everyRecoverableItemIsStoredAndASecondRunOnlyAsksWhetherAnythingChanged() throws {
        let feeds = try Self.manifest().filter { !$0.fails }
        #expect(feeds.count >= 50)
        let server = try PartnerServer()
        let site = try site(serving: feeds, from: server)

        let first = try site.run("harvest", "--all")
        #expect(first.status == 0, "no source failed outright: \(first.stderr.suffix(2000))")
        for feed in feeds {
            let counts = summary(of: feed.sourceID, in: first.stdout)
            #expect(counts?.prefix(3).reduce(0, +) == feed.records, "\(feed.file): \(counts ?? [])")
            for line in feed.problemLines {
                #expect(first.stderr.contains("\(feed.sourceID): ") && first.stderr.contains("\(feed.file):line \(line)"),
                        "\(feed.file): no problem reported on line \(line)")
            }
        }

        server.clearRequests()
        let second = try site.run("harvest", "--all")
        #expect(second.status == 0)
        #expect(server.requests.count == feeds.count)
        #expect(server.requests.allSatisfy { $0.headers["If-None-Match"] != nil }, "every request is conditional")
        for feed in feeds {
            #expect(summary(of: feed.sourceID, in: second.stdout) == [0, 0, 0], "\(feed.file) wrote nothing")
        }
    }

    @Test func onlySourcesWithNoFeedAtAllFailAndThePublishedArchiveHasNoScriptFromAFeed() throws {
        let feeds = try Self.manifest()
        let server = try PartnerServer()
        let site = try site(serving: feeds, from: server)

        let run = try site.run("run")
        #expect(run.status == 1, "the files without a feed fail")
        let failed = Set(run.stdout.split(separator: "\n").filter { $0.hasSuffix("FAILED") }
            .map { String($0.prefix { $0 != ":" }) })
        #expect(failed == Set(feeds.filter(\.fails).map(\.sourceID)))

        let archive = site.directory.file("archive")
        let files = FileManager.default.enumerator(atPath: archive.path)?.compactMap { $0 as? String } ?? []
        let pages = files.filter { $0.hasSuffix(".html") || $0.hasSuffix(".atom") }
        #expect(pages.count > feeds.count)
        for page in pages {
            let text = try String(contentsOf: archive.appendingPathComponent(page), encoding: .utf8).lowercased()
            let scripts = text.components(separatedBy: "<script").dropFirst()
            #expect(scripts.allSatisfy { $0.hasPrefix(" type=\"application/ld+json\">") }, "\(page) has a script")
            #expect(!text.contains("javascript:") && !text.contains("vbscript:"), "\(page) has a script URL")
            #expect(text.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(page) has an event handler")
        }
    }
}
