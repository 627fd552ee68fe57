import ArchivarCore
import ArchivarStore
import Bibliography
import Foundation

extension CommandHelp {
    static let add = CommandHelp(
        name: "add", usage: "add --title TITLE [--author \"Family, Given\"]… [--year YEAR] [FIELD OPTIONS] | add --citation \"…\"",
        summary: "Add a publication by its fields, or from a German citation line, through normalize and dedupe "
            + "into the catalog in one transaction; prints its id, or the stored record it was merged into. "
            + "Invalid values are refused with the field named, and nothing is stored.",
        options: addOptions.map { ("--\($0.option) \($0.placeholder)", $0.help) },
        valued: Set(addOptions.map(\.option)))
    static let edit = CommandHelp(
        name: "edit", usage: "edit ID [--set FIELD=VALUE]… [--unset FIELD]…",
        summary: "Change fields of a record in one transaction and print what changed. FIELD is a CSL-JSON variable "
            + "(title, author, editor, issued, container-title, publisher, ISBN, DOI, URL, …), type, kind, category, "
            + "link or summary; year=2016 sets issued. Names are \"Family, Given\" separated by ;, dates 2016, 2016-05 "
            + "or 2016-05-03. Edits are kept when a harvest delivers the record again.",
        options: [("--set FIELD=VALUE", "set a field (repeatable)"), ("--unset FIELD", "remove a field (repeatable)")],
        valued: ["set", "unset"])
    static let remove = CommandHelp(
        name: "remove", usage: "remove ID [--yes]",
        summary: "Remove a record after showing its citation and asking [y/N] (read from standard input when it is "
            + "not a terminal). The removal is remembered: harvests and imports do not bring the record back.",
        options: [("--yes", "remove without asking")], valued: [])

    /// `add`'s field options: option name, the CSL-JSON field it fills, placeholder, help.
    static let addOptions: [(option: String, field: String, placeholder: String, help: String)] = [
        ("citation", "", "TEXT", "a German citation line in the institute's style; other options override its fields"),
        ("title", "title", "TEXT", "the title (required)"),
        ("author", "author", "NAME", "\"Family, Given\" (repeatable)"),
        ("editor", "editor", "NAME", "\"Family, Given\" (repeatable)"),
        ("year", "issued", "YEAR", "year of publication (or 2016-05, 2016-05-03)"),
        ("type", "type", "TYPE", "CSL type: book (default), chapter, article-journal, periodical, report, …"),
        ("container", "container-title", "TEXT", "the book, journal or series it appeared in"),
        ("publisher", "publisher", "TEXT", "the publisher"),
        ("place", "publisher-place", "TEXT", "the place of publication"),
        ("edition", "edition", "TEXT", "the edition"),
        ("volume", "volume", "TEXT", "volume (Jahrgang)"),
        ("issue", "issue", "TEXT", "issue (Heft)"),
        ("page", "page", "PAGES", "pages, e.g. 12-34"),
        ("isbn", "ISBN", "ISBN", "ISBN-10 or ISBN-13, hyphens allowed"),
        ("issn", "ISSN", "ISSN", "ISSN, e.g. 0342-3581"),
        ("doi", "DOI", "DOI", "DOI, bare (10.xxxx/…) or as https://doi.org/…"),
        ("url", "URL", "URL", "web address (http or https)"),
        ("abstract", "abstract", "TEXT", "the abstract"),
        ("keyword", "keyword", "WORD", "a keyword (repeatable)"),
        ("category", "category", "TEXT", "the institute's category (default: from the type)"),
        ("note", "note", "TEXT", "a note"),
    ]
}

extension Commands {
    /// `add …`: one record by fields or from a citation line, through the transforms, in one transaction.
    func add(_ arguments: Arguments) async throws -> Int32 {
        guard arguments.positional.isEmpty else {
            throw UsageError("add takes its values as options; put a value with spaces in quotes (--title \"…\")")
        }
        var record = Record()
        record.kind = RecordKind.publication
        if let citation = arguments.value("citation") {
            do {
                record = try CitationLineParser.citation(citation)
            } catch {
                return refuse(["--citation: \(error.reason)"], nothing: "stored")
            }
        } else {
            guard arguments.value("title") != nil else { throw UsageError("add needs --title (or --citation)") }
            record.type = "book"
        }
        var problems: [RecordError] = []
        for entry in CommandHelp.addOptions where !entry.field.isEmpty {
            let typed = arguments.values(entry.option)
            guard !typed.isEmpty else { continue }
            do {
                switch entry.field {
                case "author", "editor": record[entry.field] = .array(try typed.flatMap { try FieldInput.names($0, field: entry.field) }.map(\.json))
                case "keyword": record.setText("keyword", typed.map(TextFolding.clean).joined(separator: ", "))
                default: record[entry.field] = try FieldInput.value(typed.last ?? "", for: entry.field)
                }
            } catch let error as RecordError {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { return refuse(problems.map { addMessage($0, arguments) }, nothing: "stored") }

        let catalog = try workspace.openCatalog()
        let added: (result: StoreResult, readmitted: RecordRemoval?)
        do {
            added = try await workspace.pipeline(catalog).add(record)
        } catch let invalid as InvalidRecord {
            return refuse(invalid.problems.map { addMessage($0, arguments) }, nothing: "stored")
        }
        let id = added.result.id
        if let merge = added.result.merge {
            print("Merged into \(id) (\(merge.rule)): the catalog had this work already. "
                  + "`archivar unmerge \(id) \(merge.absorbed)` takes it apart again.")
        } else if added.result.outcome == .inserted {
            print("Added \(id)")
        } else {
            print("\(id) is in the catalog already; \(added.result.outcome == .updated ? "updated" : "nothing changed")")
        }
        if let removal = added.readmitted {
            print("This work had been \(removal) (as \(removal.id)); it is back now.")
        }
        if let stored = try catalog.record(id: id) { print("  " + GermanCitation.format(stored)) }
        return 0
    }

    /// `edit ID --set FIELD=VALUE … --unset FIELD …`: one transaction; prints what changed.
    func edit(_ arguments: Arguments) async throws -> Int32 {
        guard arguments.positional.count == 1, let id = arguments.positional.first else {
            throw UsageError("edit needs exactly one record ID")
        }
        var typed: [(field: String, value: String?)] = try arguments.values("set").map { assignment in
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw UsageError("--set needs FIELD=VALUE, e.g. --set title=\"Neuer Titel\"")
            }
            return (String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...]))
        }
        typed += arguments.values("unset").map { ($0, nil) }
        guard !typed.isEmpty else { throw UsageError("edit needs --set FIELD=VALUE or --unset FIELD") }
        if let unknown = typed.first(where: { !FieldInput.isEditable($0.field) }) {
            return refuse(["field \"\(unknown.field)\": \(FieldInput.refusal(of: unknown.field))"], nothing: "changed")
        }
        let catalog = try workspace.openCatalog()
        let record = try storedRecord(id, in: catalog)

        var changes: [String: JSONValue] = [:]
        var problems: [RecordError] = []
        for (field, value) in typed {
            let name = FieldInput.storedName(field)
            guard let value else {
                changes[name] = .null
                continue
            }
            guard !TextFolding.clean(value).isEmpty else {
                problems.append(RecordError(field: name, reason: "the value is empty; --unset \(field) removes a field"))
                continue
            }
            do {
                changes[name] = try FieldInput.value(value, for: field)
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { return refuse(problems.map(\.description), nothing: "changed") }
        changes = changes.filter { record[$0.key] ?? .null != $0.value }
        guard !changes.isEmpty else {
            print("Nothing to change: \(id) has these values already.")
            return 0
        }
        var edited = record
        for (field, value) in changes { edited[field] = value }
        let found = RecordValidation.problems(in: edited)
        let refused = found.filter { changes[$0.field ?? ""] != nil }
        guard refused.isEmpty else { return refuse(refused.map(\.description), nothing: "changed") }
        if let doi = changes["DOI"]?.text { changes["DOI"] = .string(RecordValidation.bareDOI(doi)) }

        guard let stored = try await catalog.transaction({ try catalog.edit(id, changes: changes) }) else {
            throw ArchivarError(path: id, "the record was removed meanwhile")
        }
        print("Changed \(id):")
        for field in changes.keys.sorted() {
            print("  \(field): \(FieldInput.display(record[field], field: field)) → \(FieldInput.display(stored[field], field: field))")
        }
        for problem in found where changes[problem.field ?? ""] == nil {
            print("  note: \(problem) (not changed by this edit)")
        }
        return 0
    }

    /// `remove ID [--yes]`: shows the citation, asks unless `--yes`, removes in one transaction.
    func remove(_ arguments: Arguments) async throws -> Int32 {
        guard arguments.positional.count == 1, let id = arguments.positional.first else {
            throw UsageError("remove needs exactly one record ID")
        }
        let catalog = try workspace.openCatalog()
        let record = try storedRecord(id, in: catalog)
        print(GermanCitation.format(record))
        if !arguments.flag("yes") {
            print("Remove \(id) from the catalog? [y/N] ", terminator: "")
            fflush(nil)
            let answer = readLine()
            if isatty(STDIN_FILENO) == 0 { print("") }  // A typed answer ended the line; a piped one did not.
            guard let answer else {
                return refuse(["no answer on standard input; --yes removes without asking"], nothing: "removed")
            }
            guard ["y", "yes", "j", "ja"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                return refuse(["not confirmed"], nothing: "removed")
            }
        }
        guard let removal = try await catalog.transaction({ try catalog.remove(id) }) else {
            throw ArchivarError(path: id, "the record was removed meanwhile")
        }
        print("Removed \(removal.id). Harvests and imports will not bring it back.")
        return 0
    }

    // MARK: Helpers

    /// The stored record `id`, or an error that says where an absorbed record went.
    private func storedRecord(_ id: String, in catalog: Catalog) throws -> Record {
        if let record = try catalog.record(id: id) { return record }
        if let merge = try catalog.merges(of: id).last(where: { $0.absorbed == id }) {
            throw ArchivarError("\"\(id)\" was merged into \"\(merge.survivor)\" (\(merge.rule)); use that id")
        }
        throw ArchivarError("no record has the id \"\(id)\"; `archivar search WORDS` shows the ids of matching records")
    }

    /// A problem of `add`, naming the field and, when an option gave it, the option
    /// (a field that came from `--citation` has none).
    private func addMessage(_ problem: RecordError, _ arguments: Arguments) -> String {
        guard let field = problem.field,
              let option = CommandHelp.addOptions.first(where: { $0.field == field })?.option,
              !arguments.values(option).isEmpty else { return problem.description }
        return "field \"\(field)\" (--\(option)): \(problem.reason)"
    }

    /// Prints each message on stderr, then that nothing was stored / changed / removed; exit 1.
    private func refuse(_ messages: [String], nothing what: String) -> Int32 {
        let lines = messages.map { "archivar: \($0)\n" }.joined() + "archivar: nothing was \(what)\n"
        FileHandle.standardError.write(Data(lines.utf8))
        return 1
    }
}
