import ArchivarCore

/// The end of a citation: what follows the title and container.
enum CitationTail {
    /// Peels `[Link]` (dropped: it names a link the text lost), a URL or DOI, and a page
    /// count such as `(98 Seiten)` off the end, in any order.
    static func takeExtras(from text: inout String, into record: inout Record) {
        while true {
            if text.cut(#/\s*\[Link\]\.?\s*$/#) != nil { continue }
            if let match = text.cut(#/\s*\((?<count>\d+)\s*(?:Seiten|S\.)\)\.?\s*$/#) {
                record.setText("number-of-pages", String(match.output.count))
                continue
            }
            if let match = text.cut(#/\s*(?:doi:\s*|https?://(?:dx\.)?doi\.org/)(?<doi>10\.\S+?)\.?\s*$/#.ignoresCase()) {
                record.doi = String(match.output.doi)
                continue
            }
            if let match = text.cut(#/\s*(?:(?:URL|Online(?:\s+unter)?|Verfügbar\s+unter):?\s*)?[\[<]?(?<url>https?://[^\s<>\]]+?)[\]>]?\.?\s*$/#) {
                record.url = String(match.output.url)
                continue
            }
            return
        }
    }

    /// Peels pages (`S. 12–34`), `Place: Publisher` and the edition off the end of a
    /// book's text or a chapter's container.
    static func takePublication(from text: inout String, into record: inout Record) {
        text = text.trimmedPhrase
        if let match = text.cut(#/,?\s*S\.\s*(?<page>\d+(?:\s*[-–—]\s*\d+|\s*ff?\.)?)\.?$/#) {
            record.setText("page", pageRange(String(match.output.page)))
        }
        if let match = text.cut(placeAndPublisher) {
            record.publisherPlace = String(match.output.place)
            record.publisher = String(match.output.publisher).trimmedPhrase
            text += String(match.output.boundary.prefix(1))
        }
        takeEdition(from: &text, into: &record)
    }

    /// `(2., durchgesehene und erweiterte Auflage)` or `2. Aufl.` → `2`; a wordy edition
    /// without a number (`(Neuausgabe 2019)`) is kept as it is written.
    static func takeEdition(from text: inout String, into record: inout Record) {
        if let match = text.cut(#/\s*\((?<edition>[^()]*?(?i:aufl|ausg|edition|ed\.)[^()]*)\)/#) {
            let edition = String(match.output.edition)
            record.setText("edition", edition.prefixMatch(of: #/(\d+)\./#).map { String($0.output.1) } ?? edition)
        } else if let match = text.cut(#/[.,]\s+(?<number>\d+)\.,?\s*(?:[\p{L}\- ,]*?\s)?(?:Auflage|Aufl\.)/#) {
            record.setText("edition", String(match.output.number))
        }
    }

    /// `12 – 34` → `12-34`: CSL keeps ranges with a hyphen; styles print the dash.
    static func pageRange(_ text: String) -> String {
        text.replacing(#/\s*[-–—]\s*/#, with: "-").replacing(" ", with: "")
    }

    /// `…. Weinheim: Beltz Juventa`, `…, Frankfurt a. M.: Campus`, `…) Opladen/Toronto:
    /// Budrich` at the end, after a full stop, comma or parenthesis (never at the start,
    /// so a title with a colon is not taken for a place).
    static var placeAndPublisher: Regex<(Substring, boundary: Substring, place: Substring, publisher: Substring)> {
        #/(?<boundary>[.,)])\s+(?<place>\p{Lu}(?:\p{L}{0,2}\.|[\p{L}\-]*)(?:(?:\s+|\s*/\s*)(?:(?:und|am|an der|im|bei)\s+)?(?:\p{Lu}(?:\p{L}{0,2}\.|[\p{L}\-]*)|a\.\s?M\.))*)\s*:\s+(?<publisher>[^:]+)$/#
    }
}
