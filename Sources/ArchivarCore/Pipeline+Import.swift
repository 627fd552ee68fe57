import Foundation

extension Pipeline {
    /// The largest file `import` reads (a 100,000-entry BibTeX file is about 40 MB).
    public static let importMaxBytes = 512 << 20

    /// The source an imported file's records come from: `import:<file name>`, so that the
    /// same file imported again (from any folder) finds the records it gave before.
    public static func importSource(for file: URL, plugin: String) -> SourceDefinition {
        SourceDefinition(id: "import:" + file.lastPathComponent, title: file.lastPathComponent, plugin: plugin,
                         url: file.path, kind: RecordKind.publication, maxBytes: importMaxBytes)
    }

    /// Imports one bibliography file (SPEC §6 `import`) through the ingest plugin `plugin`
    /// and the configured transforms into the catalog, in one transaction: when the file
    /// cannot be read or storing fails, the error is thrown and nothing of the file is
    /// stored. The plugin's notes on entries it kept go into the report's `notes`. Entries
    /// the plugin rejects, records a transform drops and records that fail
    /// `RecordValidation` are reported and left out, as are records a librarian removed;
    /// the rest are stored as publications, each remembered under `import:<file name>` and
    /// its item id (`RecordIdentity.itemID(of:)`). `progress` gets the entries read so far.
    public func importFile(_ file: URL, plugin: String,
                           progress: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> ImportReport {
        let source = Self.importSource(for: file, plugin: plugin)
        guard let ingest = try registry.plugin(plugin, role: "ingest").ingestBody else {
            throw ArchivarError(path: file.relativeDescription, "\"\(plugin)\" is not an ingest plugin")
        }
        let tally = ImportTally(ImportReport(file: file.relativeDescription, plugin: plugin))
        let transformContext = TransformContext(catalog: catalog, config: config, source: source, report: { tally.report($0) })
        let fetcher = Fetcher(userAgent: userAgent, maxBytes: source.maxBytes, timeout: source.timeout)
        // The plugin reads on its own task, ahead of storing (`IngestFeed`): the file is
        // parsed on one core while the records before are stored on the other.
        let feed = IngestFeed()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await ingest(IngestContext(source: source, location: file, fetcher: fetcher, logger: logger,
                                                   emit: { try await feed.send(.record($0)) }, report: { tally.report($0) }))
                    feed.finish()
                } catch {
                    feed.finish(throwing: error)
                }
            }
            do {
                try await catalog.transaction {
                    while let event = try await feed.next() {
                        guard case .record(let delivered) = event else { continue } // an import withdraws nothing
                        var record = delivered
                        record.kind = RecordKind.publication
                        let entry = tally.nextEntry()
                        progress(entry)
                        let itemID = RecordIdentity.itemID(of: record)
                        let origin = RecordOrigin(source: source.id, itemID: itemID)
                        guard let ready = try await self.prepare(record, from: source, context: transformContext) else { continue }
                        if let removal = try self.removal(of: ready, origin: origin) {
                            tally.skip("entry \(entry) “\(itemID)”: \(removal) (as \(removal.id))")
                            continue
                        }
                        let problems = RecordValidation.problems(in: ready)
                        guard problems.isEmpty else {
                            let reasons = problems.map(\.description).joined(separator: "; ")
                            tally.report(Problem("entry \(entry) “\(itemID)”: \(reasons)"))
                            continue
                        }
                        tally.count(try self.catalog.store(ready, origin: origin))
                    }
                }
            } catch {
                feed.cancel()
                throw ArchivarError.wrapping(error, stage: plugin, path: file.relativeDescription)
            }
        }
        return tally.snapshot
    }
}
