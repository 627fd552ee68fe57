/// The institute's German citation style, the shape of its own publication list:
/// `Fischer, Jörg/Graßhoff, Gunther (Hrsg.) (2016): Titel. Weinheim: Juventa.`
/// One function, used by the record pages, search results and the CLI.
public enum GermanCitation {
    public static func format(_ record: Record) -> String {
        var text = creatorsPart(record)
        let year = record.issued?.year ?? record.year
        text += text.isEmpty ? "" : " "
        text += "(\(year.map(String.init) ?? "o. J.")): "
        text += sentence(record.displayTitle)

        switch record.type {
        case "chapter", "paper-conference", "entry-encyclopedia":
            var inPart = "In: "
            let editors = record.editors
            if !editors.isEmpty { inPart += editors.map(\.inverted).joined(separator: "/") + " (Hrsg.): " }
            inPart += record.containerTitle ?? "o. T."
            text += " " + sentence(inPart)
        case "article-journal", "article-magazine", "article-newspaper":
            if let container = record.containerTitle {
                var inPart = "In: \(container)"
                if let volume = record.text("volume") { inPart += " \(volume)" }
                if let issue = record.text("issue") { inPart += " (\(issue))" }
                text += " " + inPart
                text += record.text("page").map { ", S. \($0)." } ?? "."
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
            text += " " + sentence([place, publisher].compactMap { $0 }.joined(separator: ": "))
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

    /// Ends a phrase with a full stop unless it already ends in punctuation.
    static func sentence(_ text: String) -> String {
        guard let last = text.last else { return text }
        return ".!?“\"".contains(last) ? text : text + "."
    }
}
