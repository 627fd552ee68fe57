import ArchivarCore
import Foundation

/// Writes records as a BibTeX file that bibtex, biber and pandoc read without
/// warnings, and that `BibTeXReader` reads back into the same records.
///
/// UTF-8 throughout (an `@comment` says so), specials escaped, names as
/// `Family, Given` joined by `and`, institutions braced, pages with `--`, the month
/// as its macro. Titles protect what a sentence-casing style must not lowercase:
/// words with a capital after the first letter (`IKPE`, `COVID-19`, `McDonald`),
/// and, unless the record is in English, every capitalized word, because German
/// nouns keep their capital (`{Jugendhilfeplanung}`).
public enum BibTeXWriter {
    /// The whole file: the encoding note, then one entry per record. Keys are the
    /// record ids; a record without a usable id gets its citation key, made unique.
    public static func write(_ records: [Record]) -> String {
        var out = "@comment{Encoding: UTF-8. Written by Archivar.}\n"
        var usedKeys: Set<String> = []
        for record in records {
            let base = CSLJSONReader.isCitationKey(record.id) ? record.id : RecordIdentity.citationKey(for: record)
            var key = base
            var collisions = 0
            while usedKeys.contains(key) {
                key = base + suffix(collisions)
                collisions += 1
            }
            usedKeys.insert(key)
            out += "\n" + entry(record, key: key)
        }
        return out
    }

    /// `a` … `z`, then `aa`, `ab`, …: the suffixes that keep keys unique.
    private static func suffix(_ index: Int) -> String {
        let letter = String(UnicodeScalar(UInt8(97 + index % 26)))
        return index < 26 ? letter : suffix(index / 26 - 1) + letter
    }

    /// One `@type{key, …}` entry.
    static func entry(_ record: Record, key: String) -> String {
        let fields = BibTeXFieldList(record).fields
        let body = fields.map { "  \($0.name) = \($0.value)" }.joined(separator: ",\n")
        let type = BibTeXTypes.entryType(for: record).type
        return "@\(type){\(key)" + (body.isEmpty ? "" : ",\n" + body) + "\n}\n"
    }

    /// `title` with case-protecting braces around the words that need them; punctuation
    /// around a word stays outside (`{Jugendhilfeplanung}:`, `„{Kinder}“`).
    static func protectedTitle(_ title: String, allCapitalized: Bool) -> String {
        title.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let letters = word.filter(\.isLetter)
            guard let first = letters.first,
                  letters.dropFirst().contains(where: \.isUppercase) || (allCapitalized && first.isUppercase),
                  let start = word.firstIndex(where: { $0.isLetter || $0.isNumber }),
                  let end = word.lastIndex(where: { $0.isLetter || $0.isNumber }) else {
                return LaTeXText.encode(String(word))
            }
            let core = word[start...end]
            return LaTeXText.encode(String(word[..<start])) + "{\(LaTeXText.encode(String(core)))}"
                + LaTeXText.encode(String(word[word.index(after: end)...]))
        }.joined(separator: " ")
    }
}

/// The fields of one entry in a fixed order, values ready to write (`{…}` or a macro).
struct BibTeXFieldList {
    private(set) var fields: [(name: String, value: String)] = []
    private var written: Set<String> = []

    /// Record fields that belong to the archive, not to the bibliography.
    private static let archiveFields: Set<String> = [
        "kind", "category", "source", "link", "summary", "content", "published", "updated", "hash", "original-id", "type",
    ]

    init(_ record: Record) {
        let type = BibTeXTypes.entryType(for: record)
        var used: Set<String> = Self.archiveFields
        func text(_ field: String) -> String? {
            used.insert(field)
            return record.text(field)
        }
        let allCapitalized = !(record.language?.lowercased().hasPrefix("en") ?? false)
        for field in ["author", "editor", "translator"] {
            used.formUnion([field, "\(field)-et-al"])
            let names = (record[field]?.array ?? []).compactMap(Name.init(json:))
            let etAl = record["\(field)-et-al"] == .bool(true)
            if !names.isEmpty || etAl { add(field, braced: BibTeXNames.format(names, etAl: etAl)) }
        }
        add("title", braced: text("title").map { BibTeXWriter.protectedTitle($0, allCapitalized: allCapitalized) })
        add("shorttitle", braced: text("title-short").map { BibTeXWriter.protectedTitle($0, allCapitalized: allCapitalized) })
        if type.type == "article" {
            add("journal", text("container-title"))
        } else {
            add("booktitle", braced: text("container-title").map { BibTeXWriter.protectedTitle($0, allCapitalized: allCapitalized) })
        }
        add("series", text("collection-title"))
        add("edition", text("edition"))
        add("volume", text("volume"))
        // `number` is what the reader takes it for: an article's issue, a report's number,
        // a series number; any other of these keeps its CSL name (`issue = {9-10}`).
        let numberField = type.type == "article" ? "issue" : type.type == "techreport" ? "number"
            : record.text("collection-title") != nil ? "collection-number" : "number"
        add("number", text(numberField))
        add("pages", braced: text("page").map { LaTeXText.encode($0).replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "-", with: "--") })
        add("pagetotal", text("number-of-pages"))
        add("chapter", text("chapter-number"))
        used.insert("issued")
        if let issued = record.issued {
            if let literal = issued.literal, issued.parts.count <= 1 {
                add("year", literal)
            } else if let year = issued.year {
                add("year", String(year))
                if let month = issued.month, let macro = BibTeXDate.macro(forMonth: month) {
                    fields.append(("month", macro))
                    written.insert("month")
                }
                add("day", issued.day.map(String.init))
            }
        }
        let publisherField = type.type.hasSuffix("thesis") ? "school" : type.type == "techreport" ? "institution" : "publisher"
        add(publisherField, text("publisher"))
        add("address", text("publisher-place"))
        if type.type != "mastersthesis" { add("type", text("genre")) } else { used.insert("genre") }
        add("isbn", text("ISBN"))
        add("issn", text("ISSN"))
        add("doi", braced: text("DOI").map(Self.verbatim))
        add("url", braced: text("URL").map(Self.verbatim))
        used.insert("accessed")
        if let accessed = record["accessed"].flatMap(IssuedDate.init(json:)), !accessed.parts.isEmpty {
            add("urldate", accessed.parts.map { String(format: "%02d", $0) }.joined(separator: "-"))
        }
        if let language = text("language") {
            if let langid = BibTeXLanguage.langid(for: language) { add("langid", langid) } else { add("language", language) }
        }
        add("keywords", text("keyword"))
        add("abstract", text("abstract"))
        add("note", text("note"))
        add("entrysubtype", type.subtype)
        for name in record.fields.keys.sorted() where !used.contains(name) && !written.contains(name) {
            add(name, record.text(name))
        }
    }

    /// Adds `{encoded text}`; nothing for nil or empty.
    private mutating func add(_ name: String, _ text: String?) {
        add(name, braced: text.map(LaTeXText.encode))
    }

    /// Adds a value already in BibTeX form, in braces.
    private mutating func add(_ name: String, braced value: String?) {
        guard let value, !value.isEmpty, !written.contains(name) else { return }
        fields.append((name, "{\(value)}"))
        written.insert(name)
    }

    /// URLs and DOIs are written as they are (biber reads them verbatim); only braces,
    /// which would unbalance the value, are percent-encoded.
    private static func verbatim(_ text: String) -> String {
        text.replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")
    }
}
