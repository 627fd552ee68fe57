import ArchivarCore
import Foundation

/// The `oai-pmh` ingest plugin: harvests an OAI-PMH 2.0 repository with `ListRecords`
/// in `oai_dc`, following resumption tokens, incrementally from the last harvest.
/// Spec: https://www.openarchives.org/OAI/openarchivesprotocol.html
public enum OAIPMHPlugin {
    /// The plugins this module registers.
    public static let plugins: [Plugin] = [
        .ingest("oai-pmh", summary: "OAI-PMH 2.0 repositories (ListRecords, oai_dc, incremental)") { context in
            let settings = try OAISettings(context.source)
            let request = OAIListRequest(baseURL: context.location, metadataPrefix: settings.metadataPrefix,
                                         set: settings.set, from: context.cursor.flatMap(OAIHarvestCursor.init)?.from)
            try await OAIHarvest(context: context, request: request).run()
        },
    ]
}

/// The source-file keys the plugin reads beside `url`.
struct OAISettings {
    /// The only format the plugin maps into records.
    static let dublinCore = "oai_dc"

    var set: String?
    var metadataPrefix: String

    init(_ source: SourceDefinition) throws {
        let reader = JSONFieldReader(object: source.settings, path: source.file)
        set = try reader.string("set")
        metadataPrefix = try reader.string("metadataPrefix") ?? Self.dublinCore
        guard metadataPrefix == Self.dublinCore else {
            throw ArchivarError(path: source.file, location: "key \"metadataPrefix\"",
                                "only \"\(Self.dublinCore)\" can be mapped into records, not \"\(metadataPrefix)\"")
        }
    }
}
