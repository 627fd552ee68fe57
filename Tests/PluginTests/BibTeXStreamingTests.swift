import ArchivarCore
import ArchivarTestSupport
import Bibliography
import Foundation
import Synchronization
import Testing

/// The `bibtex` plugin reads one entry at a time: each record reaches the pipeline, and
/// each broken entry is reported, before the next entry is parsed (ARCHITECTURE.md: a
/// 100,000-entry file never sits in memory twice).
@Suite struct BibTeXStreamingTests {
    @Test func recordsAndProblemsReachThePipelineInTheOrderOfTheFile() async throws {
        let log = try await run("""
            @book{eins, title = {Eins}, year = 2001}
            @book{kaputt1, title = {Offen, year = 2002}
            @book{zwei, title = {Zwei}, year = 2003}
            @book{kaputt2 title = {Ohne Komma}}
            """)
        #expect(log.events == ["record eins", "problem line 2", "record zwei", "problem line 4"])
    }

    @Test func aPipelineThatStopsAfterTheFirstRecordLeavesTheRestUnread() async throws {
        // Had the plugin parsed the whole file first, it would have reported the broken
        // last entry before handing on the first record.
        let log = try await run("""
            @book{eins, title = {Eins}, year = 2001}
            @book{zwei, title = {Zwei}, year = 2002}
            @book{kaputt, title = {Offen, year = 2003}
            """, stopAfter: 1)
        #expect(log.events == ["record eins"])
    }

    @Test func aChapterBeforeItsBookIsFilledInWithoutWaitingForTheBook() async throws {
        let log = try await run("""
            @incollection{kapitel, author = {Weber, Tom}, title = {Kapitel}, pages = {5--9}, crossref = {Buch2020}}
            @book{kaputt, title = {Offen, year = 2003}
            @book{buch2020, editor = {Fischer, Jörg}, title = {Der Band}, publisher = {Budrich}, year = 2020}
            """)
        #expect(log.events == ["record kapitel", "problem line 2", "record buch2020"])
        let chapter = try #require(log.records.first)
        #expect(chapter.containerTitle == "Der Band")
        #expect(chapter.publisher == "Budrich")
        #expect(chapter.year == 2020)
        #expect(chapter.editors == [Name(family: "Fischer", given: "Jörg")])
    }

    @Test func crossrefWorksBothWaysEvenWhenTheBookUsesAMacroDefinedAfterTheChapter() async throws {
        let log = try await run("""
            @incollection{vorher, title = {Vorher}, crossref = {band}}
            @string{verlag = {Beltz Juventa}}
            @book{band, title = {Der Band}, publisher = verlag, address = {Weinheim}, year = 2016}
            @incollection{nachher, title = {Nachher}, crossref = {BAND}}
            @incollection{waise, title = {Waise}, crossref = {fehlt}}
            @incollection{letzte, title = {Letzte}, crossref = {band}}
            """)
        #expect(log.events == [
            "record vorher", "record band", "record nachher",
            "problem line 5: entry “waise”: crossref “fehlt” names no entry in this file", "record waise", "record letzte",
        ])
        for id in ["vorher", "nachher", "letzte"] {
            let chapter = try #require(log.records.first { $0.id == id })
            #expect(chapter.containerTitle == "Der Band", "\(id)")
            #expect(chapter.publisher == "Beltz Juventa", "\(id)")
            #expect(chapter.publisherPlace == "Weinheim", "\(id)")
        }
        #expect(log.records.first { $0.id == "waise" }?.containerTitle == nil)
    }

    /// Runs the `bibtex` plugin over `text` as a file; with `stopAfter`, the pipeline
    /// refuses records after that many, as it does when storing failed.
    private func run(_ text: String, stopAfter limit: Int = .max) async throws -> PluginLog {
        let directory = try TemporaryDirectory("bibtex-stream")
        let file = try directory.write(text + "\n", to: "liste.bib")
        let body = try #require(BibliographyPlugin.plugins.first { $0.name == "bibtex" }?.ingestBody)
        let source = SourceDefinition(id: "liste", title: "Liste", plugin: "bibtex", url: file.path, kind: RecordKind.publication)
        let log = PluginLog()
        let context = IngestContext(source: source, location: file, fetcher: Fetcher(userAgent: "test"),
                                    emit: { record in try log.take(record, limit: limit) },
                                    report: { problem in log.note(problem) })
        do {
            try await body(context)
        } catch is PluginLog.Stopped {
            #expect(limit != .max, "the pipeline did not stop, yet the plugin failed")
        }
        return log
    }
}

/// What a plugin run handed on, in order, from any thread.
private final class PluginLog: Sendable {
    struct Stopped: Error {}

    private let state = Mutex<(events: [String], records: [Record])>(([], []))

    var events: [String] { state.withLock { $0.events } }
    var records: [Record] { state.withLock { $0.records } }

    func take(_ record: Record, limit: Int) throws {
        try state.withLock {
            guard $0.records.count < limit else { throw Stopped() }
            $0.records.append(record)
            $0.events.append("record \(record.id)")
        }
    }

    /// Problems about broken entries by line only; notes with their message.
    func note(_ problem: Problem) {
        let line = problem.line.map { "problem line \($0)" } ?? "problem"
        state.withLock { $0.events.append(problem.itemKept ? "\(line): \(problem.message)" : line) }
    }
}
