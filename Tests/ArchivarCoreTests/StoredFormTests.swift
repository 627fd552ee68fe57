@testable import ArchivarCore
import Foundation
import Testing

/// What the catalog computes once per record and reuses: match keys remembered by dedupe,
/// the canonical text written once for the content hash and the stored JSON.
@Suite struct StoredFormTests {
    private func record(_ json: String) throws -> Record { try Record(json: JSONValue.parse(Data(json.utf8))) }

    @Test func rememberedMatchKeysHoldOnlyWhileTheirFieldsAreUnchanged() throws {
        var record = try record("""
            {"id":"fischer2016","type":"book","title":"Unbegleitete Flüchtlinge","author":[{"family":"Fischer","given":"Jörg"}],
             "issued":{"date-parts":[[2016]]},"DOI":"10.1/ABC","ISBN":"3-7799-3323-X","note":"x"}
            """)
        let keys = record.rememberMatchKeys().map(\.key)
        #expect(keys == RecordIdentity.duplicateKeys(for: try self.record(record.json.canonicalText())))
        #expect(record.rememberedMatchKeys.keys(for: record) != nil)

        // Fields the keys are not made from leave them valid.
        record.id = "other"
        record.setText("note", "y")
        record.hash = "0123"
        #expect(record.rememberedMatchKeys.keys(for: record)?.map(\.key) == keys)

        // A new title (an edit, a merge) makes them stale: they are computed again.
        record.title = "Begleitete Flüchtlinge"
        #expect(record.rememberedMatchKeys.keys(for: record) == nil)
        #expect(RecordIdentity.duplicateKeys(for: record).contains("work:begleitetefluechtlinge|2016|fischer"))
    }

    @Test func aFirstSeenDateThatGivesTheYearMakesRememberedKeysStale() throws {
        var record = try record(#"{"id":"x","type":"report","title":"Bericht","author":[{"family":"Fischer"}]}"#)
        #expect(record.rememberMatchKeys().isEmpty) // no year: no work key
        record.published = "2024-05-01T00:00:00Z"
        #expect(RecordIdentity.duplicateKeys(for: record) == ["work:bericht|2024|fischer"])
    }

    @Test func rememberedKeysAreNoPartOfTheRecordsValue() throws {
        let plain = try record(#"{"id":"x","type":"book","title":"T","DOI":"10.1/x"}"#)
        var remembering = plain
        _ = remembering.rememberMatchKeys()
        #expect(remembering == plain)
        #expect(remembering.hashValue == plain.hashValue)
        #expect(remembering.json == plain.json)
    }

    @Test func canonicalTextWithMembersSetIsTheCanonicalTextOfTheChangedObject() {
        let object: [String: JSONValue] = [
            "title": .string("Straße \"quoted\"\n"), "id": .string("a"), "author": .array([.object(["family": .string("Ä")])]),
            "é-key": .number(1), "e-key": .bool(true), "z": .null, "hash": .string("old"),
        ]
        let canonical = CanonicalObject(object)
        #expect(canonical.utf8 == Array(JSONValue.object(object).canonicalText().utf8))
        let changes: [[String: JSONValue?]] = [
            [:], ["hash": .string("new")], ["updated": .string("2024"), "hash": nil], ["aaa": .number(2.5), "zz": .string("last")],
            ["title": nil, "id": nil, "author": nil, "é-key": nil, "e-key": nil, "z": nil, "hash": nil], ["e-kez": .string("between")],
        ]
        for change in changes {
            var changed = object
            for (key, value) in change { changed[key] = value }
            #expect(canonical.utf8(setting: change) == Array(JSONValue.object(changed).canonicalText().utf8), "\(change)")
        }
    }

    @Test func contentHashIsTheHashOfTheCanonicalTextWithoutHashAndUpdated() throws {
        let record = try record(#"{"id":"a","title":"Ä","hash":"x","updated":"2024","published":"2023"}"#)
        #expect(record.contentHash() == StableHash.hex(of: #"{"id":"a","published":"2023","title":"Ä"}"#))
        // FNV-1a 64 as stored in existing catalogs: changing it would make every record look changed.
        #expect(StableHash.hex(of: "a") == "af63dc4c8601ec8c")
        #expect(StableHash.value(of: Array("Straße".utf8)) == StableHash.value(of: AnySequence("Straße".utf8)))
    }
}
