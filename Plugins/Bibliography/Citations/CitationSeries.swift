import ArchivarCore

/// What follows a book's title: a journal issue (`Heft 9-10/2023 des „Sozialmagazin“,
/// 48. Jg.`) or a numbered series volume (`5. Sonderband Sozialmagazin`).
enum CitationSeries {
    /// Fills container, issue and volume of a journal issue (CSL `periodical`, as the
    /// institute's sample does), or collection title and number; returns the CSL type.
    static func take(from text: inout String, into record: inout Record) -> String {
        text = text.trimmedPhrase
        if let match = text.cut(#/[.,]?\s*Heft\s+(?<issue>[^\s/]+)/\d{4}\s+de[sr]\s+(?:Zeitschrift\s+)?[„"“»](?<journal>[^“"”«]+)[“"”«](?:,\s*(?<volume>\d+)\.\s*Jg\.?)?$/#) {
            record.containerTitle = String(match.output.journal)
            record.setText("issue", String(match.output.issue))
            record.setText("volume", match.output.volume.map(String.init))
            return "periodical"
        }
        // The title before the series ends in `.`, or in `!`, `?` or a closing quote kept.
        if let match = text.cut(#/(?<end>[.!?“”"])\s+(?<number>\d+)\.\s+(?<series>[^.]+)$/#) {
            if match.output.end != "." { text += match.output.end }
            record.setText("collection-title", seriesName(String(match.output.series)))
            record.setText("collection-number", String(match.output.number))
        }
        return "book"
    }

    /// `Sonderband 2016 der Zeitschrift „Sozialmagazin“` → `Sonderband Sozialmagazin`,
    /// the name the list uses elsewhere for the same series.
    static func seriesName(_ text: String) -> String {
        guard let match = text.wholeMatch(of: #/Sonderband\s+(?:\d{4}\s+)?(?:der\s+Zeitschrift\s+)?[„"“](?<journal>[^“"”]+)[“"”]/#) else {
            return text
        }
        return "Sonderband \(match.output.journal)"
    }
}
