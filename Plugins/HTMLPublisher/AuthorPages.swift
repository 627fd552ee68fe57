import ArchivarCore
import ArchivarHTML

/// `authors/index.html`, every person and institution alphabetically with the number
/// of their entries, and `authors/<slug>/` listing each one's records, newest first.
/// Collects the people while the catalog streams by, then writes the pages.
struct AuthorPages {
    /// One person's entries and the spellings the sources use for them.
    private struct Person {
        var records: [RecordSummary] = []
        var spellings: Set<String> = []

        /// Records stream by one at a time: a record already filed is the last one.
        mutating func add(_ summary: RecordSummary, spelling: String) {
            if records.last?.id != summary.id { records.append(summary) }
            spellings.insert(spelling)
        }
    }

    private var people: [PersonKey: Person] = [:]

    /// How many people get a page.
    var count: Int { people.count }

    /// Files `summary` under each of the record's authors and editors (once per person).
    mutating func add(_ record: Record, summary: RecordSummary, site: ArchiveSite) {
        for name in record.authors + record.editors {
            guard let key = site.people.key(for: name, in: record) else { continue }
            // In place: copying the person out and back would copy their whole list each time.
            people[key, default: Person()].add(summary, spelling: name.inverted)
        }
    }

    func write(site: ArchiveSite, context: PublishContext) throws {
        let strings = site.strings
        let sorted = people.keys.sorted()
        let byLetter = Dictionary(grouping: sorted, by: Self.letter)
        let letters = byLetter.keys.sorted { ($0 == "#" ? 1 : 0, $0) < ($1 == "#" ? 1 : 0, $1) }
        try site.write(ArchivePath.authorsIndex, in: context, title: strings["authors"], current: "authors") { root in
            var body: [HTMLNode] = [.element("h1", text: strings["authors"]), .element("p", text: strings["authors.intro"])]
            guard !letters.isEmpty else { return body + [.element("p", text: strings["list.empty"])] }
            body.append(.element("nav", [("class", "toc"), ("aria-label", strings["authors.letters"])], [
                .element("ul", [("class", "letters")], letters.map { letter in
                    .element("li", [], [.link("#" + Self.anchor(letter), letter)])
                }),
            ]))
            for letter in letters {
                body.append(.element("section", [("aria-labelledby", Self.anchor(letter))], [
                    .element("h2", [("id", Self.anchor(letter))], text: letter),
                    .element("ul", [("class", "people")], (byLetter[letter] ?? []).map { key in
                        .element("li", [], [
                            .link(root + ArchivePath.authorDirectory(site.people.slug(for: key)).link, indexName(key, site: site)),
                            .text(" (\(people[key]?.records.count ?? 0))"),
                        ])
                    }),
                ]))
            }
            return body
        }
        for key in sorted {
            guard let person = people[key] else { continue }
            let spellings = person.spellings.sorted()
            var list = PagedList(directory: ArchivePath.authorDirectory(site.people.slug(for: key)),
                                 title: displayName(key, site: site), current: "authors")
            list.showKind = true
            list.intro = { root in
                var intro: [HTMLNode] = []
                if spellings.count > 1 {
                    intro.append(.element("p", [("class", "spellings")],
                                          text: "\(strings["authors.spellings"]): \(spellings.joined(separator: "; "))"))
                }
                intro.append(.element("p", [], [.link(root + ArchivePath.authors, strings["authors.all"])]))
                return intro
            }
            try list.write(person.records, site: site, context: context)
        }
    }

    /// "Fischer, Jörg": how the index lists a person.
    private func indexName(_ key: PersonKey, site: ArchiveSite) -> String {
        site.people.preferredName(for: key)?.inverted ?? key.description
    }

    /// "Jörg Fischer": the heading of a person's page.
    private func displayName(_ key: PersonKey, site: ArchiveSite) -> String {
        site.people.preferredName(for: key)?.displayName ?? key.description
    }

    /// The index section a person belongs to: the first letter of the page name, `#` for a digit.
    private static func letter(_ key: PersonKey) -> String {
        guard let first = key.slug.first, first.isLetter else { return "#" }
        return first.uppercased()
    }

    private static func anchor(_ letter: String) -> String {
        letter == "#" ? "ziffern" : "buchstabe-" + letter.lowercased()
    }
}
