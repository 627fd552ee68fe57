import ArchivarCore
import ArchivarStore
import ArchivarTestSupport
import Exec
import Foundation
import Synchronization
import Testing

/// Runs `exec` sources through a real pipeline into a real catalog, logging into memory.
private final class ExecHarness: Sendable {
    let temporary: TemporaryDirectory
    let catalog: Catalog
    let pipeline: Pipeline
    private let logLines = LogLines()

    init(root: URL? = nil) throws {
        temporary = try TemporaryDirectory("exec-test")
        catalog = try Catalog(file: temporary.file("catalog.sqlite"))
        var config = SiteConfig(root: root ?? temporary.url)
        config.pipeline = []
        let lines = logLines
        let logger = Logger { level, message, _ in lines.append("\(level): \(message)") }
        pipeline = try Pipeline(config: config, registry: PluginRegistry([ExecPlugin.plugins]), catalog: catalog, logger: logger)
    }

    var log: [String] { logLines.all }

    /// Writes an executable shell script into the temp directory.
    @discardableResult
    func script(_ name: String, _ body: String) throws -> URL {
        try temporary.writeExecutable("#!/bin/sh\n" + body + "\n", to: name)
    }

    func source(_ program: String, arguments: [String] = [], timeout: String? = nil) -> SourceDefinition {
        var settings: [String: JSONValue] = ["arguments": .array(arguments.map { .string($0) })]
        settings["timeout"] = timeout.map { .string($0) }
        return SourceDefinition(id: "extern", title: "Extern", plugin: "exec", url: program,
                                kind: RecordKind.press, file: "feeds/extern.json", settings: settings)
    }

    func harvest(_ source: SourceDefinition) async -> SourceResult {
        await pipeline.harvest([source]).results[0]
    }

    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/exec/\(name)", withExtension: nil)!
    }
}

/// Log lines kept in memory, written from any thread.
private final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

@Suite struct ExecTests {
    @Test func examplePythonScriptDeliversTheInstitutesEvents() async throws {
        let harness = try ExecHarness(root: Repository.root)
        let source = try SourceDefinition.load(from: Repository.root.appendingPathComponent("feeds/examples/ikpe-termine.json"))
        let result = await harness.harvest(source)
        #expect(result.error == nil)
        #expect(result.problems.isEmpty)
        #expect(try harness.catalog.recordCount() == 7)
        let event = try #require(try harness.catalog.record(id: "termin-2024-08-08-lsz-zukunftswerkstatt-schleiz"))
        #expect(event.title == "LSZ Zukunftswerkstatt Schleiz")
        #expect(event.kind == RecordKind.press)
        #expect(event.category == "Termine")
        #expect(event.source == "ikpe-termine")
        #expect(event.year == 2024)
        #expect(harness.log.contains { $0.contains("ikpe-termine: 7 Termine aus ikpe-termine.csv") })
    }

    @Test func badLinesAreReportedByNumberAndGoodLinesKept() async throws {
        let harness = try ExecHarness()
        let program = try harness.script("mixed.sh", "cat '\(ExecHarness.fixture("mixed-lines.jsonl").path)'")
        let result = await harness.harvest(harness.source(program.path))
        #expect(result.error == nil)
        #expect(try harness.catalog.recordCount() == 3)
        #expect(try harness.catalog.record(id: "lsz-apolda")?.title == "LSZ Zukunftswerkstatt Apolda")
        #expect(result.problems.map(\.line) == [2, 5])
        #expect(result.problems[0].message.contains("not JSON"))
        #expect(result.problems[1].message.contains("must be an object"))
    }

    @Test func stderrLinesReachTheLogNamedBySource() async throws {
        let harness = try ExecHarness()
        let program = try harness.script("talk.sh", "echo 'lese Termine' >&2\necho 'fertig' >&2")
        let result = await harness.harvest(harness.source(program.path))
        #expect(result.error == nil)
        #expect(harness.log.contains("info: extern: lese Termine"))
        #expect(harness.log.contains("info: extern: fertig"))
    }

    @Test func nonZeroExitFailsWithStderrTailAndKeepsEarlierRecords() async throws {
        let harness = try ExecHarness()
        let good = try harness.script("good.sh", #"echo '{"id": "alt", "title": "Schon da"}'"#)
        #expect(await harness.harvest(harness.source(good.path)).error == nil)
        let failing = try harness.script("good.sh", """
            echo '{"id": "neu", "title": "Halb fertig"}'
            for n in $(seq 1 15); do echo "Fehlerzeile $n" >&2; done
            exit 3
            """)
        let error = try #require(await harness.harvest(harness.source(failing.path)).error)
        #expect(error.description.contains("exited with status 3"))
        #expect(error.description.contains("Fehlerzeile 15"))
        #expect(error.description.contains("Fehlerzeile 6"))
        #expect(!error.description.contains("Fehlerzeile 5\n"))
        #expect(try harness.catalog.record(id: "alt") != nil)
        #expect(try harness.catalog.record(id: "neu") == nil)
    }

    @Test func programThatRunsTooLongIsStoppedAtTheTimeout() async throws {
        let harness = try ExecHarness()
        let program = try harness.script("slow.sh", #"echo '{"id": "vorher", "title": "Vor dem Schlaf"}'"# + "\nsleep 60")
        let error = try #require(await harness.harvest(harness.source(program.path, timeout: "1s")).error)
        #expect(error.description.contains("did not finish within 1s"))
        #expect(try harness.catalog.record(id: "vorher") == nil)
    }

    @Test func thousandsOfLinesOnBothPipesAreStreamedWithoutBlocking() async throws {
        let harness = try ExecHarness()
        let program = try harness.script("flood.sh", """
            i=1
            while [ $i -le 5000 ]; do
              echo "{\\"id\\": \\"flut-$i\\", \\"title\\": \\"Eintrag $i mit etwas Text, damit die Pipe voll wird\\"}"
              echo "Fortschritt $i von 5000, ausführlich protokolliert" >&2
              i=$((i + 1))
            done
            """)
        let result = await harness.harvest(harness.source(program.path))
        #expect(result.error == nil)
        #expect(try harness.catalog.recordCount() == 5000)
        #expect(try harness.catalog.record(id: "flut-5000") != nil)
        #expect(harness.log.contains("info: extern: Fortschritt 5000 von 5000, ausführlich protokolliert"))
    }

    @Test func missingOrNonExecutableProgramIsNamed() async throws {
        let harness = try ExecHarness()
        let missing = try #require(await harness.harvest(harness.source("feeds/gibt-es-nicht.py")).error)
        #expect(missing.description.contains("gibt-es-nicht.py"))
        #expect(missing.description.contains("does not exist"))
        let plain = try harness.temporary.write("print('hallo')\n", to: "plain.py")
        let notExecutable = try #require(await harness.harvest(harness.source(plain.path)).error)
        #expect(notExecutable.description.contains("plain.py"))
        #expect(notExecutable.description.contains("not executable"))
    }
}
