/// The title as the institute's list writes it: `Titel. Untertitel.` becomes
/// `Titel: Untertitel`, the form the bundled CSL-JSON sample uses.
enum CitationTitle {
    /// Nil when nothing is left for a title.
    static func title(_ text: String) -> String? {
        var title = text.trimmedPhrase
        guard !title.isEmpty else { return nil }
        // The first ". " before a capital or an opening quote separates the subtitle,
        // unless it ends an initial or a number (`J. Dewey`, `2. Teil`).
        if let match = title.firstMatch(of: #/(?:[\p{L}\p{Pf}!?)]{2})(?<stop>\.\s+)[\p{Lu}„"“»]/#) {
            title.replaceSubrange(match.output.stop.startIndex..<match.output.stop.endIndex, with: ": ")
        }
        return title
    }
}
