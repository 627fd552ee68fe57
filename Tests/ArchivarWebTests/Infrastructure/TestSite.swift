import ArchivarCore
import ArchivarHTML
import ArchivarStore
import ArchivarWeb
import ArchivarTestSupport
import Foundation
import Synchronization

/// One test's own world: a temp directory with an `archive/` folder, a real catalog
/// (`c.sqlite`) and a log recorder. The directory is removed when the site goes away.
final class TestSite: Sendable {
    let temporary: TemporaryDirectory
    var directory: URL { temporary.url }
    let archive: URL
    let catalog: Catalog
    let log = LogRecorder()

    init() throws {
        temporary = try TemporaryDirectory("ArchivarWebTests")
        archive = temporary.file("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        catalog = try Catalog(file: temporary.file("c.sqlite"))
    }

    /// Writes `content` to `path` under the archive, creating folders.
    @discardableResult
    func write(_ path: String, _ content: String) throws -> URL {
        try write(path, Data(content.utf8))
    }

    /// Writes bytes to `path` under the archive, creating folders.
    @discardableResult
    func write(_ path: String, _ content: Data) throws -> URL {
        let file = archive.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: file)
        return file
    }

    /// Stores records in the catalog, one transaction.
    func add(_ records: [Record]) async throws {
        try await catalog.transaction {
            for record in records {
                _ = try catalog.upsert(record, origin: RecordOrigin(source: "s", itemID: record.id))
            }
        }
    }

    /// The layout the tests use (German UI).
    var layout: PageLayout { PageLayout(siteTitle: "IKPE Publikationsarchiv", language: "de") }

    /// A router over this site's archive and catalog, logging into `log`.
    func router(archiveDirectory: URL? = nil) -> Router {
        Router(archiveDirectory: archiveDirectory ?? archive, catalog: catalog, layout: layout, logger: log.logger)
    }

    /// Asks the router, in-process.
    func get(_ target: String, method: String = "GET", headers: HTTPHeaders = [:]) -> HTTPResponse {
        router().respond(to: HTTPRequest(method: method, target: target, headers: headers))
    }
}

/// Collects log events in memory (the in-memory handler of STYLE 13).
final class LogRecorder: Sendable {
    struct Event: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let storage = Mutex<[Event]>([])

    var events: [Event] { storage.withLock { $0 } }

    var logger: Logger {
        Logger(minimumLevel: .debug) { [self] level, message, metadata in
            self.storage.withLock { $0.append(Event(level: level, message: message, metadata: metadata)) }
        }
    }
}

extension HTTPResponse {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Sample records for search tests.
enum Samples {
    static let refugees: Record = {
        var record = Record(id: "fischer2022unbegleitete")
        record.title = "Unbegleitete minderjährige Flüchtlinge"
        record.kind = RecordKind.publication
        record.type = "report"
        record.issued = IssuedDate(year: 2022)
        record.authors = [Name(family: "Fischer", given: "Jörg")]
        record.abstract = "Ein Bericht über die Jugendhilfeplanung für junge Geflüchtete in Thüringen."
        return record
    }()

    static let planning: Record = {
        var record = Record(id: "mueller2019jugendhilfe")
        record.title = "Jugendhilfeplanung in kleinen Gemeinden"
        record.kind = RecordKind.publication
        record.type = "book"
        record.issued = IssuedDate(year: 2019)
        record.authors = [Name(family: "Müller", given: "Anna")]
        return record
    }()

    /// `count` press items that all mention "Flüchtlinge".
    static func pressItems(_ count: Int) -> [Record] {
        (1...count).map { number in
            var record = Record(id: "press-\(number)")
            record.title = "Meldung \(number) zur Lage der Flüchtlinge"
            record.kind = RecordKind.press
            record.type = "post"
            record.published = String(format: "2021-01-%02dT10:00:00Z", number % 28 + 1)
            return record
        }
    }
}
