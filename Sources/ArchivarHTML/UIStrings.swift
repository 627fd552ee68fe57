/// The interface text of the published pages and the search page, one table per
/// language (`archivar.json` `language`: `de`, the default, or `en`).
public struct UIStrings: Sendable {
    public let language: String
    private let table: [String: String]

    public init(language: String) {
        self.language = language == "en" ? "en" : "de"
        table = self.language == "en" ? UIStrings.english : UIStrings.german
    }

    /// The text for `key`; a missing key shows the key itself (a bug, visible on the page).
    public subscript(key: String) -> String { table[key] ?? key }

    static let german: [String: String] = [
        "home": "Startseite",
        "latest": "Neueste Einträge",
        "publications": "Publikationen",
        "press": "Presse und Neuigkeiten",
        "partners": "Partner",
        "search": "Suche",
        "search.label": "Suchbegriff",
        "search.button": "Suchen",
        "search.results": "Treffer",
        "search.none": "Keine Treffer für diese Suche.",
        "search.empty": "Bitte geben Sie einen Suchbegriff ein.",
        "search.previous": "Vorherige Seite",
        "search.next": "Nächste Seite",
        "record.citation": "Zitation",
        "record.abstract": "Zusammenfassung",
        "record.content": "Volltext",
        "record.original": "Zum Original",
        "record.source": "Quelle",
        "record.category": "Kategorie",
        "record.type": "Typ",
        "record.published": "Veröffentlicht",
        "record.authors": "Autor:innen",
        "record.editors": "Herausgeber:innen",
        "feed": "Atom-Feed",
        "notfound.title": "Seite nicht gefunden",
        "notfound.text": "Die angeforderte Seite gibt es nicht (mehr).",
        "kind.publication": "Publikation",
        "kind.press": "Presse",
        "kind.partner": "Partner",
        "skip": "Zum Inhalt springen",
        "footer": "Erstellt mit Archivar",
    ]

    static let english: [String: String] = [
        "home": "Home",
        "latest": "Latest entries",
        "publications": "Publications",
        "press": "Press and news",
        "partners": "Partners",
        "search": "Search",
        "search.label": "Search term",
        "search.button": "Search",
        "search.results": "results",
        "search.none": "No results for this search.",
        "search.empty": "Please enter a search term.",
        "search.previous": "Previous page",
        "search.next": "Next page",
        "record.citation": "Citation",
        "record.abstract": "Abstract",
        "record.content": "Full text",
        "record.original": "Original",
        "record.source": "Source",
        "record.category": "Category",
        "record.type": "Type",
        "record.published": "Published",
        "record.authors": "Authors",
        "record.editors": "Editors",
        "feed": "Atom feed",
        "notfound.title": "Page not found",
        "notfound.text": "The requested page does not exist.",
        "kind.publication": "Publication",
        "kind.press": "Press",
        "kind.partner": "Partner",
        "skip": "Skip to content",
        "footer": "Made with Archivar",
    ]
}
