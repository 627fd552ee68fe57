import ArchivarCore
import Testing

@Suite struct PersonKeyTests {
    private func key(_ text: String) throws -> PersonKey { try #require(PersonKey(Name.parse(text))) }

    @Test func spellingsOfOnePersonShareAKeyAndAnotherGivenNameDoesNot() throws {
        let joerg = try key("Fischer, Jörg")
        #expect(try key("Jörg Fischer") == joerg)
        #expect(try key("FISCHER, Joerg") == joerg)
        #expect(try key("  Fischer ,  Jörg ") == joerg)
        #expect(try key("Jörg M. Fischer") == joerg, "further given names do not split a person")
        #expect(try key("Julia Fischer") != joerg)
        #expect(try key("Jörg Fischer-Weber") != joerg)
        #expect(joerg.description == "fischer, joerg")
        #expect(joerg.slug == "fischer-joerg")
    }

    @Test func particlesBelongToTheFamilyName() throws {
        let kees = try key("van der Berg, Kees")
        #expect(try key("Kees van der Berg") == kees)
        #expect(try #require(PersonKey(Name(family: "Berg", given: "Kees", nonDroppingParticle: "van der"))) == kees)
        // The citation parser leaves "Berg, Kees van der" with the particle among the given names.
        #expect(try #require(PersonKey(Name(family: "Berg", given: "Kees van der"))) == kees)
        #expect(try key("Berg, Kees") != kees, "a particle is part of who someone is")
        #expect(kees.slug == "van-der-berg-kees")
        let goethe = try #require(PersonKey(Name(family: "Goethe", given: "Johann Wolfgang", droppingParticle: "von")))
        #expect(try key("Johann Wolfgang von Goethe") == goethe)
    }

    @Test func doubleNamesWithHyphenOrSpaceAreOneFamilyName() throws {
        let theresa = try key("Hilse-Carstensen, Theresa")
        #expect(try key("Theresa Hilse-Carstensen") == theresa)
        #expect(try key("Hilse Carstensen, Theresa") == theresa)
        #expect(theresa.family == "hilse-carstensen")
        #expect(theresa.slug == "hilse-carstensen-theresa")
        #expect(try key("Hans-Peter Müller").slug == "mueller-hans-peter")
    }

    @Test func institutionsAreKeyedByTheirWholeName() throws {
        let institute = try #require(PersonKey(Name(literal: "Institut für Kommunalplanung und -entwicklung e. V.")))
        #expect(institute.isInstitution)
        #expect(institute.slug == "institut-fuer-kommunalplanung-und-entwicklung-e-v")
        #expect(PersonKey(Name(literal: "INSTITUT FÜR KOMMUNALPLANUNG UND ENTWICKLUNG E.V.")) == institute)
        #expect(PersonKey(Name(literal: "Fischer Jörg")) != (try key("Jörg Fischer")), "an institution is never a person")
        #expect(PersonKey(Name(literal: "–")) == nil, "nothing to tell anyone by")
    }

    @Test func initialsGiveAnAbbreviatedKey() throws {
        for spelling in ["J. Fischer", "Fischer, J.", "Fischer, J", "Fischer, J.M.", "Fischer, JM", "J. M. Fischer"] {
            let initials = try key(spelling)
            #expect(initials.givenIsAbbreviated && initials.given == "j", "\(spelling)")
            #expect(initials.abbreviates(try key("Jörg Fischer")), "\(spelling)")
        }
        #expect(try key("Fischer, J.").abbreviates(try key("Julia Fischer")), "initials alone cannot tell Jörg from Julia")
        #expect(!(try key("Fischer, K.").abbreviates(try key("Jörg Fischer"))))
        #expect(!(try key("Weber, J.").abbreviates(try key("Jörg Fischer"))))
        #expect(try key("H.-P. Müller").abbreviates(try key("Hans-Peter Müller")))
        #expect(!(try key("H.-K. Müller").abbreviates(try key("Hans-Peter Müller"))))
        #expect(try key("Th. Hilse-Carstensen").abbreviates(try key("Theresa Hilse-Carstensen")))
        #expect(!(try key("Jörg Fischer").givenIsAbbreviated))
        #expect(!(try key("FISCHER, JOERG").givenIsAbbreviated), "capitals are not initials")
    }

    @Test func otherScriptsGetAnASCIISlug() throws {
        #expect(try key("Иван Иванов").slug == "ivanov-ivan")
        #expect(try key("Łukasz Nowak").slug == "nowak-lukasz")
        let hieroglyphs = try #require(PersonKey(Name(family: "𓀀𓀁", given: "𓀂")))
        #expect(hieroglyphs.slug.hasPrefix("person-") && hieroglyphs.slug.allSatisfy { $0.isASCII })
        #expect(PersonKey(Name(family: "🙂", given: "🙃")) == nil, "no letter, no person")
    }

    @Test func recordPersonKeysListEachPersonOnce() throws {
        var record = Record(id: "r")
        record.authors = [Name(family: "Fischer", given: "Jörg"), Name(family: "Kosellek", given: "Tobias")]
        record.editors = [Name(family: "FISCHER", given: "Joerg"), Name(literal: "IKPE")]
        #expect(record.personKeys.map(\.description) == ["fischer, joerg", "kosellek, tobias", "ikpe"])
    }
}

@Suite struct PersonDirectoryTests {
    private func record(_ id: String, authors: [String] = [], editors: [String] = []) -> Record {
        var record = Record(id: id)
        record.authors = authors.map(Name.parse)
        record.editors = editors.map(Name.parse)
        return record
    }

    private func key(_ text: String) throws -> PersonKey { try #require(PersonKey(Name.parse(text))) }

    @Test func initialsOfTheOnlyMatchingPersonResolveToThem() throws {
        let records = [
            record("a", authors: ["Fischer, Jörg", "Graßhoff, Gunther"]),
            record("b", authors: ["J. Fischer"]),
            record("c", authors: ["Fischer, K."]),
        ]
        let directory = PersonDirectory(records: records)
        #expect(directory.keys(for: records[1]) == [try key("Jörg Fischer")])
        #expect(directory.keys(for: records[2]) == [try key("Fischer, K.")], "no Fischer with K: a person of their own")
        #expect(directory.key(for: Name.parse("J. Fischer"), in: records[1]) == (try key("Jörg Fischer")))
    }

    @Test func coauthorsTellApartTwoPeopleWithTheSameInitial() throws {
        let records = [
            record("a", authors: ["Fischer, Jörg", "Graßhoff, Gunther"]),
            record("b", authors: ["Fischer, Julia", "Weber, Nancy"]),
            record("c", authors: ["J. Fischer", "G. Graßhoff"]),
            record("d", editors: ["Weber, N.", "Fischer, J."]),
            record("e", authors: ["J. Fischer", "Huber, Stefan"]),
        ]
        let directory = PersonDirectory(records: records)
        #expect(directory.keys(for: records[2]).first == (try key("Jörg Fischer")))
        #expect(directory.keys(for: records[3]).last == (try key("Julia Fischer")))
        #expect(directory.keys(for: records[4]).first == (try key("Fischer, J.")), "no shared co-author: left alone")
        #expect(directory.keys(for: records[0]).first != directory.keys(for: records[1]).first, "Jörg and Julia stay two people")
    }

    @Test func preferredNameIsTheCommonestProperlyWrittenSpelling() throws {
        let directory = PersonDirectory(records: [
            record("a", authors: ["FISCHER, Joerg"]),
            record("b", authors: ["Fischer, Joerg"]),
            record("c", authors: ["Fischer, Jörg"]),
            record("d", authors: ["Weber, Nancy"]),
            record("e", authors: ["Nancy Weber"]),
            record("f", authors: ["WEBER, Nancy"]),
        ])
        #expect(directory.preferredName(for: try key("Jörg Fischer"))?.displayName == "Jörg Fischer")
        #expect(directory.preferredName(for: try key("Nancy Weber"))?.inverted == "Weber, Nancy", "twice beats once")
    }

    @Test func slugsAreUniqueAndDoNotDependOnRecordOrder() throws {
        let person = record("a", authors: ["Jörg Fischer"])
        var institution = Record(id: "b")
        institution.authors = [Name(literal: "Fischer Jörg")]
        let one = PersonDirectory(records: [person, institution])
        let other = PersonDirectory(records: [institution, person])
        let personKey = try key("Jörg Fischer")
        let institutionKey = try #require(PersonKey(Name(literal: "Fischer Jörg")))
        #expect(Set([one.slug(for: personKey), one.slug(for: institutionKey)]) == ["fischer-joerg", "fischer-joerg-2"])
        #expect(one.slug(for: personKey) == other.slug(for: personKey))
        #expect(one.slug(for: institutionKey) == other.slug(for: institutionKey))
    }
}
