import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// Import → export → import into a fresh site gives the same records, for each format,
/// through the built binary: a file in the format itself (a colleague's BibTeX, a Zotero
/// RIS export, CSL-JSON of every shape), and the bundled sample catalog.
@Suite struct RoundTripTests {
    /// A bibliography file to start from (its format told by content) and the format to go round in.
    struct Trip: CustomTestStringConvertible, Sendable {
        let format: String
        let start: String
        var testDescription: String { "\(format) from \(start)" }
        var startFile: URL { Repository.root.appendingPathComponent(start) }
    }

    static let inTheirOwnFormat = [
        Trip(format: "bibtex", start: "Tests/PluginTests/Fixtures/bibtex/shapes.bib"),
        Trip(format: "ris", start: "Tests/PluginTests/Fixtures/ris/zotero.ris"),
        Trip(format: "csl-json", start: "Tests/PluginTests/Fixtures/csl-json/shapes.json"),
    ]

    static let theSampleCatalog = ["bibtex", "ris", "csl-json"].map {
        Trip(format: $0, start: "feeds/samples/ikpe-publikationen.json")
    }

    /// Fields that say where and when the archive got a record, not what the work is; no
    /// bibliography format carries them (`original-id` is the unusable key a file gave,
    /// `Mixed:Key`, which the export replaces by the record's citation key).
    static let archiveFields: Set = [
        "kind", "category", "source", "link", "summary", "content", "published", "updated", "hash",
        "published-is-first-seen", "original-id",
    ]

    @Test(arguments: inTheirOwnFormat)
    func aFileInItsOwnFormatComesBackAsTheSameRecords(trip: Trip) throws {
        try Self.goRound(trip)
    }

    @Test(arguments: theSampleCatalog)
    func theSampleCatalogComesBackAsTheSameRecords(trip: Trip) throws {
        try Self.goRound(trip)
    }

    /// Imports the start file into one site, exports it, imports the export into a fresh
    /// site, and compares what the two catalogs hold.
    static func goRound(_ trip: Trip) throws {
        let first = try ArchivarSite()
        let name = trip.startFile.lastPathComponent
        try FileManager.default.copyItem(at: trip.startFile, to: first.directory.file(name))
        let imported = try first.run("import", name)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let before = try bibliographic(first.storedRecords())
        #expect(before.count > 1)

        let export = try first.start(["export", "--format", trip.format])
        export.process.waitUntilExit()
        #expect(export.outcome().status == 0, "\(export.stderr)")

        let second = try ArchivarSite()
        let exported = "export." + (trip.format == "csl-json" ? "json" : trip.format)
        try second.directory.write(export.stdout, to: exported)
        let reimported = try second.run("import", exported)
        #expect(reimported.status == 0, "\(reimported.stdout)\(reimported.stderr)")
        #expect(reimported.stdout.contains("\(before.count) added, 0 merged"), "\(reimported.stdout)")
        let after = try bibliographic(second.storedRecords())

        #expect(after.keys.sorted() == before.keys.sorted())
        for (id, record) in before {
            #expect(after[id] == record, "\(trip.format): \(id)")
        }
    }

    static func bibliographic(_ records: [String: Record]) -> [String: Record] {
        records.mapValues { record in
            var work = record
            for field in archiveFields { work[field] = nil }
            return work
        }
    }
}
