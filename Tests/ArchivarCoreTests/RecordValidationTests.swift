import ArchivarCore
import Foundation
import Testing

/// Check digits in these tests were computed independently (ISO 2108 / ISO 3297 weights),
/// not taken from the code under test.
@Suite struct RecordValidationTests {
    private func book(_ change: (inout Record) -> Void = { _ in }) -> Record {
        var record = Record(id: "fischer2016unbegleitete")
        record.type = "book"
        record.title = "Unbegleitete minderjährige Flüchtlinge"
        record.issued = IssuedDate(year: 2016)
        change(&record)
        return record
    }

    private func problems(_ change: (inout Record) -> Void) -> [String] {
        RecordValidation.problems(in: book(change)).map(\.description)
    }

    @Test func aCompleteRecordHasNoProblems() {
        let record = book {
            $0.isbn = "978-3-8474-0610-5"
            $0["ISSN"] = .string("0317-8471")
            $0.doi = "10.3262/SM2301"
            $0.url = "https://www.ikpe.de/publikationen/"
        }
        #expect(RecordValidation.problems(in: record).isEmpty)
    }

    @Test func missingTitleIsNamed() {
        let found = RecordValidation.problems(in: book { $0.title = nil })
        #expect(found.map(\.field) == ["title"])
        #expect(found.first?.reason == "a record needs a title")
    }

    @Test func validISBNsInEveryWrittenForm() {
        for isbn in ["978-3-8474-0610-5", "9783847406105", "978 3 8474 0610 5", "0-306-40615-2", "0-8044-2957-X",
                     "0-8044-2957-x", "ISBN 978-0-306-40615-7", "978-3-7799-3407-3, 3-7799-3407-8",
                     "9783779934073 3779934078"] {
            #expect(problems { $0.isbn = isbn }.isEmpty, "\(isbn)")
        }
    }

    @Test func wrongISBNCheckDigitSaysWhichDigitIsExpected() {
        // The example: its digits give 5, not 8.
        #expect(problems { $0.isbn = "978-3-8474-0610-8" } == [
            "field \"ISBN\": 978-3-8474-0610-8 is not a valid ISBN-13: its check digit (the last) is 8, "
                + "but its other digits give 5; one digit is probably mistyped",
        ])
        #expect(problems { $0.isbn = "3-7799-3407-0" }.first?.contains("ISBN-10: its check digit (the last) is 0, but its other digits give 8") == true)
        // Two swapped digits are caught too.
        #expect(problems { $0.isbn = "978-3-8474-6010-5" }.count == 1)
    }

    @Test func malformedISBNsSayWhatIsWrong() {
        #expect(problems { $0.isbn = "978-3-8474" } == ["field \"ISBN\": 978-3-8474 has 8 digits; an ISBN has 10 or 13"])
        #expect(problems { $0.isbn = "123-3-8474-0610-5" }.first?.contains("starts with 123; an ISBN-13 starts with 978 or 979") == true)
        #expect(problems { $0.isbn = "978-3-84A4-0610-5" }.first?.contains("contains \"A\"") == true)
        #expect(problems { $0.isbn = "978-3-8474-0610-5, 0-306-40615-3" }.count == 1)
    }

    @Test func issnCheckDigit() {
        for issn in ["0317-8471", "2049-3630", "1050-124X", "ISSN 0378-5955", "0378 5955"] {
            #expect(problems { $0["ISSN"] = .string(issn) }.isEmpty, "\(issn)")
        }
        #expect(problems { $0["ISSN"] = .string("0317-8472") } == [
            "field \"ISSN\": 0317-8472 is not a valid ISSN: its check digit (the last) is 2, "
                + "but its other digits give 1; one digit is probably mistyped",
        ])
        #expect(problems { $0["ISSN"] = .string("0317-847") } == ["field \"ISSN\": 0317-847 has 7 digits; an ISSN has 8 (NNNN-NNNC)"])
    }

    @Test func checkDigitArithmetic() {
        #expect(StandardNumber.isbnCheckDigit("978030640615?") == "7")
        #expect(StandardNumber.isbnCheckDigit("080442957?") == "X")
        #expect(StandardNumber.issnCheckDigit("1050124?") == "X")
        #expect(StandardNumber.issnCheckDigit("0378595?") == "5")
    }

    @Test func yearMustBePlausibleAndTheRangeIsSaid() {
        let nextYear = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
        #expect(RecordValidation.plausibleYears == 1450...nextYear)
        #expect(problems { $0.issued = IssuedDate(year: 1450) }.isEmpty)
        #expect(problems { $0.issued = IssuedDate(year: nextYear) }.isEmpty)
        #expect(problems { $0.issued = IssuedDate(year: 216) } == [
            "field \"issued\": the year 216 is not plausible; give a year from 1450 to \(nextYear)",
        ])
        #expect(problems { $0.issued = IssuedDate(year: nextYear + 1) }.count == 1)
        #expect(problems { $0.issued = IssuedDate(year: 2016, month: 13) }.first?.contains("the month 13 does not exist") == true)
        #expect(problems { $0.issued = IssuedDate(year: 2023, month: 2, day: 29) }.first?.contains("the day 29 does not exist in 2023-02; give a day from 1 to 28") == true)
        #expect(problems { $0.issued = IssuedDate(year: 2024, month: 2, day: 29) }.isEmpty)
        #expect(problems { $0["issued"] = .string("2016") }.first?.contains("is not a CSL-JSON date") == true)
    }

    @Test func doiSyntaxAcceptsBareAndResolverForms() {
        for doi in ["10.3262/SM2301", "10.1000.10/abc(1)", "https://doi.org/10.3262/SM2301", "doi:10.3262/SM2301"] {
            #expect(problems { $0.doi = doi }.isEmpty, "\(doi)")
        }
        for doi in ["11.3262/SM2301", "10.32/x", "10.3262", "10.3262/", "10.3262/SM 2301", "https://example.org/10.3262/x"] {
            let found = problems { $0.doi = doi }
            #expect(found.count == 1 && found[0].hasPrefix("field \"DOI\": \"\(doi)\" is not a DOI"), "\(doi)")
        }
        #expect(RecordValidation.bareDOI(" https://doi.org/10.3262/SM2301 ") == "10.3262/SM2301")
        #expect(RecordValidation.bareDOI("DOI:10.3262/x") == "10.3262/x")
        #expect(RecordValidation.bareDOI("10.3262/x") == "10.3262/x")
    }

    @Test func urlMustBeAnAbsoluteWebAddress() {
        #expect(problems { $0.url = "http://www.ikpe.de/" }.isEmpty)
        #expect(problems { $0.url = "www.ikpe.de" }.first?.hasPrefix("field \"URL\": \"www.ikpe.de\" is not a complete web address") == true)
        #expect(problems { $0.url = "ftp://ikpe.de/x.pdf" }.first?.contains("is a ftp: address") == true)
        #expect(problems { $0.url = "https://www.ikpe.de/a b" }.first?.contains("contains a space") == true)
        #expect(problems { $0.url = "https:///pfad" }.first?.contains("names no server") == true)
        #expect(problems { $0.link = "/relative/path" }.first?.hasPrefix("field \"link\":") == true)
    }

    @Test func unknownTypeIsNamed() {
        let found = problems { $0.type = "buch" }
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("field \"type\": \"buch\" is not a CSL type; use one of book, chapter") == true)
    }

    @Test func everyProblemIsReportedAtOnce() {
        let found = RecordValidation.problems(in: book {
            $0.title = nil
            $0.isbn = "978-3-8474-0610-8"
            $0.url = "ikpe.de"
        })
        #expect(found.map(\.field) == ["title", "ISBN", "URL"])
    }
}
