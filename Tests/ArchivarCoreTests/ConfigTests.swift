import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func missingConfigGivesDefaultsRootedAtItsFolder() throws {
        let directory = try TemporaryDirectory()
        let config = try SiteConfig.load(from: directory.file("archivar.json"))
        #expect(config.pipeline == ["normalize", "dedupe", "index", "html", "atom"])
        #expect(config.archiveDirectory.path == directory.file("archive").path)
        #expect(config.stateDirectory.path == directory.file(".archivar").path)
    }

    @Test func badJSONNamesTheFileAndPosition() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("{\n  \"title\": \"x\",\n  \"pipeline\": [\n}", to: "archivar.json")
        let error = try #require(throws: ArchivarError.self) { try SiteConfig.load(from: file) }
        #expect(error.description.contains("archivar.json"))
        #expect(error.description.contains("line"))
    }

    @Test func wrongTypeNamesTheKey() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(#"{"pipeline": "html"}"#, to: "archivar.json")
        let error = try #require(throws: ArchivarError.self) { try SiteConfig.load(from: file) }
        #expect(error.description.contains("key \"pipeline\""))
    }

    @Test func unknownKeyIsNamed() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(#"{"titel": "Archiv"}"#, to: "archivar.json")
        let error = try #require(throws: ArchivarError.self) { try SiteConfig.load(from: file) }
        #expect(error.description.contains("\"titel\""))
    }

    @Test func sourceDefinitionNeedsPluginAndValidEvery() throws {
        let directory = try TemporaryDirectory()
        let missing = try directory.write(#"{"id": "a", "url": "x.rss"}"#, to: "feeds/a.json")
        #expect(throws: ArchivarError.self) { try SourceDefinition.load(from: missing) }
        let badEvery = try directory.write(#"{"id": "b", "plugin": "rss", "url": "x.rss", "every": "soon"}"#, to: "feeds/b.json")
        let error = try #require(throws: ArchivarError.self) { try SourceDefinition.load(from: badEvery) }
        #expect(error.description.contains("key \"every\""))
    }

    @Test func bundledSourcesLoad() throws {
        let sources = try SourceDefinition.loadAll(in: Repository.root.appendingPathComponent("feeds"))
        #expect(Set(sources.map(\.id)) == ["ikpe-news", "ikpe-publikationen", "kommune360", "inso"])
        let news = try #require(sources.first { $0.id == "ikpe-news" })
        #expect(news.interval == 3600)
        #expect(news.location(root: Repository.root).path == Repository.sample("ikpe-news.rss").path)
    }
}
