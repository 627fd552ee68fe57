import ArchivarCore

/// What follows `In:`: a book with its editors (a chapter) or a journal with volume and
/// issue (an article).
enum CitationContainer {
    /// Fills container, editors, volume, issue, pages, place and publisher; returns the
    /// CSL type: `chapter` when the container has editors or a publisher, else
    /// `article-journal`.
    static func read(_ text: String, into record: inout Record) -> String {
        var container = text
        CitationTail.takePublication(from: &container, into: &record)
        var type = record.publisher == nil ? "article-journal" : "chapter"
        if let match = container.firstMatch(of: #/^(?<names>[^:]+?\))\s*:\s*/#) {
            var names = String(match.output.names)
            if names.cut(CitationHead.editorMark) != nil, let editors = try? CitationNames.parse(names) {
                type = "chapter"
                record.editors = editors
                container.removeSubrange(match.range)
            }
        }
        if type == "article-journal" { takeVolumeAndIssue(from: &container, into: &record) }
        record.containerTitle = container.trimmedPhrase
        return type
    }

    /// `Zeitschrift 46 (11-12)`, `Zeitschrift, 46. Jg., Heft 3/2021`, `Zeitschrift (3)`.
    static func takeVolumeAndIssue(from text: inout String, into record: inout Record) {
        text = text.trimmedPhrase
        if let match = text.cut(#/,?\s*(?:Heft|H\.|Nr\.)\s*(?<issue>[^\s,/]+)(?:/\d{4})?$/#) {
            record.setText("issue", String(match.output.issue))
        }
        text = text.trimmedPhrase
        if let match = text.cut(#/,?\s*(?<volume>\d+)\.\s*(?:Jg|Jahrgang)\.?$/#) {
            record.setText("volume", String(match.output.volume))
        } else if let match = text.cut(#/\s+(?<volume>\d+)?\s*\((?<issue>[^()]+)\)$/#) {
            record.setText("volume", match.output.volume.map(String.init))
            record.setText("issue", String(match.output.issue))
        } else if let match = text.cut(#/\s+(?<volume>\d+)$/#) {
            record.setText("volume", String(match.output.volume))
        }
    }
}
