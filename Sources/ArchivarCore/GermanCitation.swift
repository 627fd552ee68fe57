/// The institute's German citation style, the shape of its own publication list:
/// `Fischer, Jörg/Graßhoff, Gunther (Hrsg.) (2016): Titel. Untertitel. Weinheim: Juventa.`
/// One function, used by the record pages, search results, Atom summaries and `archivar show`;
/// the `citations` plugin reads what it writes back into the same record.
public enum GermanCitation {
    public static func format(_ record: Record) -> String {
        var text = creatorsPart(record)
        let year = record.issued?.year ?? record.year
        text += text.isEmpty ? "" : " "
        text += "(\(year.map(String.init) ?? "o. J.")): "
        text += sentence(listTitle(record.displayTitle))

        // A chapter's pages close its imprint: `Ort: Verlag, S. 12–34.`
        var chapterPages: String?
        switch record.type {
        case "chapter", "paper-conference", "entry-encyclopedia":
            var inPart = "In: "
            let editors = record.editors
            if !editors.isEmpty { inPart += editors.map(\.inverted).joined(separator: "/") + " (Hrsg.): " }
            inPart += record.containerTitle ?? "o. T."
            chapterPages = record.text("page").map(pageRange)
            if record.publisherPlace == nil, record.publisher == nil, let pages = chapterPages {
                inPart += ", S. \(pages)"
                chapterPages = nil
            }
            text += " " + sentence(inPart)
        case "article-journal", "article-magazine", "article-newspaper":
            if let container = record.containerTitle {
                var inPart = "In: \(container)"
                if let volume = record.text("volume") { inPart += " \(volume)" }
                if let issue = record.text("issue") { inPart += " (\(issue))" }
                text += " " + inPart
                text += record.text("page").map { ", S. \(pageRange($0))." } ?? "."
            }
        case "periodical":
            if let container = record.containerTitle {
                var issuePart = "Heft \(record.text("issue") ?? "?")"
                if let year { issuePart += "/\(year)" }
                issuePart += " des „\(container)“"
                if let volume = record.text("volume") { issuePart += ", \(volume). Jg." }
                text += " " + issuePart + ","
            }
        default:
            if let collection = record.text("collection-title") {
                let number = record.text("collection-number").map { "\($0). " } ?? ""
                text += " " + sentence(number + collection)
            }
        }
        if let edition = record.text("edition"), edition != "1" {
            text += Int(edition) != nil ? " (\(edition). Auflage)" : " (\(edition))"
        }
        let place = record.publisherPlace
        let publisher = record.publisher
        if place != nil || publisher != nil {
            var imprint = [place, publisher].compactMap { $0 }.joined(separator: ": ")
            if let chapterPages { imprint += ", S. \(chapterPages)" }
            text += " " + sentence(imprint)
        } else if text.hasSuffix(",") {
            text.removeLast()
            text += "."
        }
        if let pages = record.text("number-of-pages") { text += " (\(pages) Seiten)" }
        return text
    }

    /// `Fischer, Jörg/Graßhoff, Gunther (Hrsg.)`, or the authors, or nothing.
    static func creatorsPart(_ record: Record) -> String {
        if !record.authors.isEmpty { return record.authors.map(\.inverted).joined(separator: "/") }
        if !record.editors.isEmpty { return record.editors.map(\.inverted).joined(separator: "/") + " (Hrsg.)" }
        return ""
    }

    /// The title as the list writes it: a subtitle after a full stop (`Titel. Untertitel`),
    /// where CSL-JSON has a colon. A title that already holds such a full stop keeps its
    /// colon, so that the subtitle is found again when the line is read back.
    static func listTitle(_ title: String) -> String {
        guard title.contains(":"), title.firstMatch(of: TitlePatterns.sentenceBreak) == nil,
              let match = title.firstMatch(of: TitlePatterns.subtitleColon) else { return title }
        var listed = title
        listed.replaceSubrange(match.output.colon.startIndex..<match.output.colon.endIndex, with: ".")
        return listed
    }

    /// `12-34` → `12–34`: CSL keeps ranges with a hyphen, the list prints the dash.
    static func pageRange(_ page: String) -> String {
        page.replacingOccurrences(of: "-", with: "–")
    }

    /// Ends a phrase with a full stop unless it already ends in one, `!` or `?`; after a
    /// closing quote the stop follows it, as in the list (`„… Jugendliche!“.`).
    static func sentence(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".!?".contains(last) ? text : text + "."
    }
}

/// The title patterns `listTitle` uses, compiled once (a regex literal inside a function
/// is compiled again on every call).
private enum TitlePatterns {
    // nonisolated(unsafe): Regex is not Sendable in Swift 6.3; these are never mutated.
    /// A full stop followed by a capitalised word: the title already has a sentence break.
    nonisolated(unsafe) static let sentenceBreak = #/[\p{L}\p{Pf}!?)]{2}\.\s+[\p{Lu}„"“»]/#
    /// A colon before a capitalised subtitle.
    nonisolated(unsafe) static let subtitleColon = #/[\p{L}\p{Pf}!?)]{2}(?<colon>:)\s+[\p{Lu}„"“»]/#
}
