/// Babel language names (`langid = {ngerman}`, `language = {German}`) and the
/// BCP 47 tags CSL-JSON uses, both ways.
enum BibTeXLanguage {
    /// The CSL `language` for a `langid` or `language` value; unknown values stay as they are.
    static func tag(for value: String) -> String {
        tags[value.lowercased()] ?? value
    }

    /// The `langid` to write for a CSL `language`, when there is a babel name for it.
    static func langid(for tag: String) -> String? {
        langids[tag]
    }

    private static let langids: [String: String] = [
        "de": "ngerman", "de-AT": "naustrian", "de-CH": "nswissgerman", "en": "english",
        "en-US": "american", "en-GB": "british", "fr": "french", "it": "italian", "es": "spanish", "nl": "dutch",
        "pl": "polish", "cs": "czech", "da": "danish", "sv": "swedish",
    ]

    private static let tags: [String: String] = {
        var tags: [String: String] = [
            "german": "de", "deutsch": "de", "austrian": "de-AT", "swissgerman": "de-CH", "englisch": "en",
            "en": "en", "de": "de", "usenglish": "en-US", "ukenglish": "en-GB", "französisch": "fr",
        ]
        for (tag, langid) in langids { tags[langid] = tag }
        return tags
    }()
}
