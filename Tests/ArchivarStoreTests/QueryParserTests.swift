@testable import ArchivarStore
import Testing

/// The query language of SPEC §8, construct by construct, and every problem with the
/// tree that is still searched.
@Suite struct QueryParserTests {
    private func word(_ text: String, _ field: TextField? = nil, prefix: Bool = false) -> QueryNode {
        .text(QueryText(text: text, isPrefix: prefix, field: field))
    }

    private func phrase(_ text: String, _ field: TextField? = nil) -> QueryNode {
        .text(QueryText(text: text, isPhrase: true, field: field))
    }

    private func parse(_ text: String) -> ParsedQuery { QueryParser.parse(text) }

    // MARK: Constructs

    @Test func wordsSideBySideMustAllMatch() {
        #expect(parse("Jugendhilfeplanung Thüringen") == ParsedQuery(
            tree: .all([word("Jugendhilfeplanung"), word("Thüringen")]), problems: []))
        #expect(parse("Flüchtlinge").tree == word("Flüchtlinge"))
        #expect(parse("  Planung\t\n").tree == word("Planung"))
    }

    @Test func hyphenatedNamesAndDottedWordsStayWhole() {
        #expect(parse("Hilse-Carstensen").tree == word("Hilse-Carstensen"))
        #expect(parse("Doing.Digital.Social.Work.").tree == word("Doing.Digital.Social.Work."))
    }

    @Test func quotesMakeAPhraseStraightOrTypographic() {
        #expect(parse("\"kommunale Planung\"").tree == phrase("kommunale Planung"))
        #expect(parse("„kommunale Planung“ 2022").tree == .all([phrase("kommunale Planung"), word("2022")]))
        #expect(parse("“Planung und Steuerung”").tree == phrase("Planung und Steuerung"))
        #expect(parse("Praxis\"forschung heute\"").tree == .all([word("Praxis"), phrase("forschung heute")]))
    }

    @Test func upperCaseOrIsAnOperatorLowerCaseOrIsAWord() {
        #expect(parse("Planung OR Steuerung").tree == .any([word("Planung"), word("Steuerung")]))
        #expect(parse("Planung or Steuerung").tree == .all([word("Planung"), word("or"), word("Steuerung")]))
        #expect(parse("a OR b OR c").tree == .any([word("a"), word("b"), word("c")]))
        #expect(parse("\"OR\"").tree == phrase("OR"))
    }

    @Test func andBindsTighterThanOr() {
        #expect(parse("a b OR c").tree == .any([.all([word("a"), word("b")]), word("c")]))
        #expect(parse("a OR b c").tree == .any([word("a"), .all([word("b"), word("c")])]))
        #expect(parse("a (b OR c)").tree == .all([word("a"), .any([word("b"), word("c")])]))
        #expect(parse("(a OR b) (c OR d)").tree == .all([.any([word("a"), word("b")]), .any([word("c"), word("d")])]))
    }

    @Test func upperCaseAndChangesNothing() {
        #expect(parse("Planung AND Steuerung").tree == .all([word("Planung"), word("Steuerung")]))
        #expect(parse("Planung and Steuerung").tree == .all([word("Planung"), word("and"), word("Steuerung")]))
    }

    @Test func minusAndNotExclude() {
        #expect(parse("Planung -Steuerung").tree == .all([word("Planung"), .not(word("Steuerung"))]))
        #expect(parse("Planung -\"Soziale Arbeit\"").tree == .all([word("Planung"), .not(phrase("Soziale Arbeit"))]))
        #expect(parse("Planung -(Steuerung OR Praxis)").tree ==
            .all([word("Planung"), .not(.any([word("Steuerung"), word("Praxis")]))]))
        #expect(parse("Planung NOT Steuerung").tree == .all([word("Planung"), .not(word("Steuerung"))]))
        #expect(parse("Planung NOT -Steuerung").tree == .all([word("Planung"), word("Steuerung")]))
        #expect(parse("Planung --Steuerung").tree == .all([word("Planung"), .not(word("Steuerung"))]))
        #expect(parse("Planung - Steuerung").tree == .all([word("Planung"), word("Steuerung")]))
    }

    @Test func trailingStarMakesAPrefix() {
        #expect(parse("Plan*").tree == word("Plan", prefix: true))
        #expect(parse("Plan** Steuer*").tree == .all([word("Plan", prefix: true), word("Steuer", prefix: true)]))
        #expect(parse("title:Flücht*").tree == word("Flücht", .title, prefix: true))
    }

    @Test func textFieldsScopeTheirValue() {
        #expect(parse("title:Planung").tree == word("Planung", .title))
        #expect(parse("Title:Planung").tree == word("Planung", .title))
        #expect(parse("author:\"Hilse-Carstensen\"").tree == phrase("Hilse-Carstensen", .author))
        #expect(parse("author: Fischer").tree == word("Fischer", .author))
        #expect(parse("title:(Planung OR Steuerung) Fischer").tree ==
            .all([.any([word("Planung", .title), word("Steuerung", .title)]), word("Fischer")]))
        #expect(parse("title:(Planung author:Fischer)").tree == .all([word("Planung", .title), word("Fischer", .author)]))
        #expect(parse("-author:Fischer Planung").tree == .all([.not(word("Fischer", .author)), word("Planung")]))
        #expect(parse("title:-Planung Fischer").tree == .all([.not(word("Planung", .title)), word("Fischer")]))
    }

    @Test func columnFieldsBecomeFilters() {
        #expect(parse("type:book").tree == .filter(.equals(.type, "book")))
        #expect(parse("source:\"ikpe-news\"").tree == .filter(.equals(.source, "ikpe-news")))
        #expect(parse("kind:press Planung").tree == .all([.filter(.equals(.kind, "press")), word("Planung")]))
        #expect(parse("type:(book OR periodical)").tree ==
            .any([.filter(.equals(.type, "book")), .filter(.equals(.type, "periodical"))]))
        #expect(parse("Planung -type:book").tree == .all([word("Planung"), .not(.filter(.equals(.type, "book")))]))
    }

    @Test func yearsAndRanges() {
        #expect(parse("year:2019").tree == .filter(.years(from: 2019, through: 2019)))
        #expect(parse("year:2019..2022").tree == .filter(.years(from: 2019, through: 2022)))
        #expect(parse("year:..2010").tree == .filter(.years(from: nil, through: 2010)))
        #expect(parse("year:2019..").tree == .filter(.years(from: 2019, through: nil)))
        #expect(parse("year:2022..2019").tree == .filter(.years(from: 2019, through: 2022)))
        #expect(parse("year:2019-2022").tree == .filter(.years(from: 2019, through: 2022)))
        #expect(parse("year:2019–2022").tree == .filter(.years(from: 2019, through: 2022)))
        #expect(parse("year:2019 type:book").tree ==
            .all([.filter(.years(from: 2019, through: 2019)), .filter(.equals(.type, "book"))]))
    }

    @Test func colonInOrdinaryTextIsNoField() {
        #expect(parse("Kita: Qualität").problems.isEmpty)
        #expect(parse("Kita: Qualität").tree == .all([word("Kita"), word("Qualität")]))
        #expect(parse("https://inso.de").tree == .all([word("https"), word("//inso.de")]))
        #expect(parse("12:30").tree == word("12:30"))
    }

    @Test func controlCharactersSeparateWords() {
        #expect(parse("Planung\u{0}Steuerung").tree == .all([word("Planung"), word("Steuerung")]))
        #expect(parse("\"Planung\u{0}\u{2}Steuerung\"").tree == phrase("Planung  Steuerung"))
        #expect(parse("\u{0}\u{1}").problems == [.empty])
    }

    // MARK: Problems, each with what is still searched

    @Test func missingClosingQuoteSearchesTheWords() {
        let parsed = parse("\"kommunale Planung year:2022")
        #expect(parsed.problems == [.missingClosingQuote])
        #expect(parsed.message == "Das schließende Anführungszeichen fehlt; gesucht wurde nach den einzelnen Wörtern.")
        #expect(parsed.tree == .all([word("kommunale"), word("Planung"), .filter(.years(from: 2022, through: 2022))]))
        #expect(parse("Planung \"").tree == word("Planung"))
    }

    @Test func unclosedParenthesisClosesAtTheEnd() {
        let parsed = parse("(Planung OR Steuerung")
        #expect(parsed.problems == [.unclosedParenthesis])
        #expect(parsed.message == "Klammer nicht geschlossen: zu ‚(‘ fehlt ‚)‘; gesucht wurde, als stünde sie am Ende.")
        #expect(parsed.tree == .any([word("Planung"), word("Steuerung")]))
    }

    @Test func strayClosingParenthesisIsSkipped() {
        let parsed = parse("Planung) Steuerung")
        #expect(parsed.problems == [.strayClosingParenthesis])
        #expect(parsed.message == "Zu ‚)‘ fehlt die öffnende Klammer; sie wurde übergangen.")
        #expect(parsed.tree == .all([word("Planung"), word("Steuerung")]))
    }

    @Test func unknownFieldSuggestsTheNearestAndSearchesTheValue() {
        let parsed = parse("titel:Planung")
        #expect(parsed.problems == [.unknownField("titel", suggestion: .title)])
        #expect(parsed.message == "Unbekanntes Feld ‚titel:‘ — meinten Sie ‚title:‘?")
        #expect(parsed.tree == word("Planung"))
        #expect(parse("auhtor:Fischer").problems == [.unknownField("auhtor", suggestion: .author)])
        #expect(parse("Jahr:2019").problems == [.unknownField("Jahr", suggestion: .year)])
        #expect(parse("sources:inso").problems == [.unknownField("sources", suggestion: .source)])
        #expect(parse("Planung -titel:Bericht").tree == .all([word("Planung"), .not(word("Bericht"))]))
    }

    @Test func fieldWithoutValueIsNamed() {
        let parsed = parse("Planung title:")
        #expect(parsed.problems == [.missingValue(.title)])
        #expect(parsed.message == "Nach ‚title:‘ fehlt ein Suchbegriff, z. B. title:Planung.")
        #expect(parsed.tree == word("Planung"))
        #expect(parse("year: OR Planung").problems == [.missingValue(.year), .operatorWithoutOperand("OR")])
        #expect(parse("(author:) Fischer").tree == word("Fischer"))
        let alone = parse("type:")
        #expect(alone.tree == nil)
        #expect(alone.problems == [.missingValue(.type), .nothingSearchable])
    }

    @Test func invalidYearIsNamedAndLeftOut() {
        let parsed = parse("Planung year:neunzehn")
        #expect(parsed.problems == [.invalidYear("neunzehn")])
        #expect(parsed.message == "‚neunzehn‘ ist keine Jahreszahl; möglich sind z. B. year:2019, year:2019..2022, year:..2010 oder year:2019..")
        #expect(parsed.tree == word("Planung"))
        for bad in ["year:..", "year:20190", "year:+2019", "year:2019..2020..2021", "year:１９"] {
            #expect(parse("Planung " + bad).tree == word("Planung"), "\(bad)")
            #expect(parse("Planung " + bad).problems.count == 1, "\(bad)")
        }
    }

    @Test func orWithAMissingSideIsSkipped() {
        for query in ["Planung OR", "OR Planung", "Planung OR OR", "(Planung OR) Steuerung"] {
            let parsed = parse(query)
            #expect(parsed.problems == [.operatorWithoutOperand("OR")], "\(query)")
            #expect(parsed.message == "‚OR‘ braucht links und rechts einen Suchbegriff und wurde übergangen.")
        }
        #expect(parse("(Planung OR) Steuerung").tree == .all([word("Planung"), word("Steuerung")]))
    }

    @Test func negationWithoutOperandIsSkipped() {
        let parsed = parse("Planung NOT")
        #expect(parsed.problems == [.negationWithoutOperand("NOT")])
        #expect(parsed.message == "Nach ‚NOT‘ fehlt der Begriff, der ausgeschlossen werden soll.")
        #expect(parsed.tree == word("Planung"))
        #expect(parse("Planung -OR Steuerung").problems == [.negationWithoutOperand("-")])
    }

    @Test func onlyExclusionsFindNothingAndSaySo() {
        for query in ["-Bericht", "-type:book", "NOT Planung -Steuerung", "Planung OR -Bericht"] {
            let parsed = parse(query)
            #expect(parsed.tree == nil, "\(query)")
            #expect(parsed.problems == [.onlyExclusions], "\(query)")
        }
        #expect(parse("-Bericht").message ==
            "Die Suche schließt nur aus (‚-Wort‘); bitte geben Sie auch einen Begriff an, der vorkommen soll.")
        #expect(parse("type:book -Bericht").tree == .all([.filter(.equals(.type, "book")), .not(word("Bericht"))]))
    }

    @Test func emptyAndUnsearchableQueriesSaySo() {
        for query in ["", "   ", "\t\n"] {
            #expect(parse(query) == ParsedQuery(tree: nil, problems: [.empty]))
        }
        #expect(parse("").message == "Bitte geben Sie einen Suchbegriff ein.")
        for query in ["-", "***", "()", "– …", "\"\""] {
            #expect(parse(query) == ParsedQuery(tree: nil, problems: [.nothingSearchable]), "\(query)")
        }
        #expect(parse("-").message == "Die Suche enthält kein Wort, nach dem gesucht werden kann.")
    }

    @Test func deepNestingIsFlattened() {
        let deep = String(repeating: "(", count: 5000) + "Planung" + String(repeating: ")", count: 5000)
        let parsed = parse(deep)
        #expect(parsed.problems == [.nestedTooDeeply])
        #expect(parsed.message == "Die Klammern sind zu tief verschachtelt; die inneren wurden übergangen.")
        #expect(parsed.tree == word("Planung"))
        #expect(parse(String(repeating: "(", count: 5000)).problems == [.nestedTooDeeply, .unclosedParenthesis, .nothingSearchable])
    }

    @Test func tooManyTermsKeepsTheFirst() {
        let words = (1...100).map { "w\($0)" }
        let parsed = parse(words.joined(separator: " "))
        #expect(parsed.problems == [.tooManyTerms(64)])
        #expect(parsed.message == "Die Suche ist zu lang; berücksichtigt wurden die ersten 64 Begriffe.")
        #expect(parsed.tree == .all(words.prefix(64).map { word($0) }))
    }

    @Test func severalProblemsAreAllReported() {
        let parsed = parse("titel:Planung (\"Steuerung")
        #expect(parsed.problems == [.unknownField("titel", suggestion: .title), .missingClosingQuote, .unclosedParenthesis])
        #expect(parsed.message == [QueryProblem.unknownField("titel", suggestion: .title), .missingClosingQuote, .unclosedParenthesis]
            .map(\.message).joined(separator: " "))
        #expect(parsed.tree == .all([word("Planung"), word("Steuerung")]))
    }
}
