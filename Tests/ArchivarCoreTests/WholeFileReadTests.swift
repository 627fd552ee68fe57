@testable import ArchivarCore
import ArchivarTestSupport
import Foundation
import Testing

/// A big local feed is read in parts at once (`WholeFileRead`); what the fetcher hands on must be
/// the file's bytes, whatever their size, and a file that cannot be read so is read as before.
@Suite struct WholeFileReadTests {
    /// Bytes that differ from part to part, so that a part read into the wrong place shows.
    private func bytes(count: Int) -> Data {
        var random = SplitMix64(seed: UInt64(count))
        return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) })
    }

    @Test(arguments: [WholeFileRead.minimumSize, WholeFileRead.minimumSize * 3 + 7, (2 << 20) * 5 + 4095])
    func aBigFileArrivesWhole(size: Int) async throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("feed.xml")
        let data = bytes(count: size)
        try data.write(to: file)
        #expect(WholeFileRead.bytes(atPath: file.path) == data)
        #expect(try await Fetcher(userAgent: "Archivar/test").fetch(file)?.data == data)
    }

    @Test func smallFilesDirectoriesAndMissingFilesAreLeftToTheOrdinaryRead() async throws {
        let directory = try TemporaryDirectory()
        let small = directory.file("small.xml")
        try bytes(count: WholeFileRead.minimumSize - 1).write(to: small)
        #expect(WholeFileRead.bytes(atPath: small.path) == nil)
        #expect(WholeFileRead.bytes(atPath: directory.url.path) == nil)
        #expect(WholeFileRead.bytes(atPath: directory.file("missing.xml").path) == nil)
        let error = try await #require(throws: ArchivarError.self) {
            try await Fetcher(userAgent: "Archivar/test").fetch(directory.file("missing.xml"))
        }
        #expect(error.message.contains("no such file"))
    }
}
