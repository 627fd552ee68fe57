import ArchivarCore
import Foundation

/// One harvest of a repository: `ListRecords` page after page until the repository
/// gives no further resumption token; records are emitted, deletions withdrawn.
struct OAIHarvest {
    /// More pages than this is taken for a runaway repository.
    static let pageLimit = 10_000

    let context: IngestContext
    let request: OAIListRequest

    func run() async throws {
        // A fetcher of its own: conditional GET would send one page's ETag with the next request.
        let fetcher = Fetcher(userAgent: context.fetcher.userAgent, maxBytes: context.fetcher.maxBytes, timeout: context.fetcher.timeout)
        var url = request.firstPage
        var seenTokens: Set<String> = []
        var firstResponseDate: String?
        var sampleDatestamp: String?
        for pageNumber in 1...Self.pageLimit {
            guard let document = try await fetcher.fetch(url) else {
                throw ArchivarError(stage: "oai-pmh", path: url.absoluteString, "the repository answered 304 Not Modified to an unconditional request")
            }
            let page = try OAIPage(document.data, url: url)
            for problem in page.problems {
                context.report(Problem(line: problem.line, "ListRecords page \(pageNumber): \(problem.message)"))
            }
            try check(page.errors, url: url)
            firstResponseDate = firstResponseDate ?? page.responseDate
            for entry in page.entries {
                sampleDatestamp = sampleDatestamp ?? entry.datestamp
                try await take(entry, pageNumber: pageNumber)
            }
            guard let token = page.resumptionToken else {
                saveCursor(responseDate: firstResponseDate, sampleDatestamp: sampleDatestamp)
                return
            }
            guard seenTokens.insert(token).inserted else {
                context.report(Problem("ListRecords page \(pageNumber): the repository sent resumptionToken \"\(token)\" a second time; the harvest stops here and starts again from the same date next time"))
                return
            }
            url = request.page(resumptionToken: token)
        }
        context.report(Problem("ListRecords stopped after \(Self.pageLimit) pages; the harvest starts again from the same date next time"))
    }

    /// `noRecordsMatch` means an empty result; any other error code fails the source.
    private func check(_ errors: [OAIPage.RepositoryError], url: URL) throws {
        guard let error = errors.first(where: { $0.code != "noRecordsMatch" }) else { return }
        let text = error.message.isEmpty ? "" : ": \(error.message)"
        throw ArchivarError(stage: "oai-pmh", path: url.absoluteString, "the repository answered \(error.code)\(text)")
    }

    private func take(_ entry: OAIPage.Entry, pageNumber: Int) async throws {
        if entry.deleted {
            try await context.withdraw(DublinCoreRecord.id(for: entry.identifier, source: context.source.id))
        } else if let metadata = entry.metadata, metadata.name == "dc" {
            try await context.emit(DublinCoreRecord.record(metadata, identifier: entry.identifier, source: context.source.id))
        } else {
            context.report(Problem(line: entry.line, "ListRecords page \(pageNumber): record \(entry.identifier) has no oai_dc metadata and was skipped"))
        }
    }

    private func saveCursor(responseDate: String?, sampleDatestamp: String?) {
        guard let responseDate else {
            context.report(Problem("the repository sent no responseDate; the next harvest starts from the same date"))
            return
        }
        let previous = context.cursor.flatMap(OAIHarvestCursor.init)
        if let cursor = OAIHarvestCursor(responseDate: responseDate, sampleDatestamp: sampleDatestamp, previous: previous) {
            context.saveCursor(cursor.from)
        } else {
            context.report(Problem("the repository's responseDate \"\(responseDate)\" is not a UTC datetime; the next harvest starts from the same date"))
        }
    }
}
