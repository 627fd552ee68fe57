import Foundation

/// One remembered merge (SPEC §3): the record `absorbed` became part of `survivor` by
/// `rule` on `date`. `archivar unmerge` undoes it; `show` lists it.
public struct MergeEntry: Sendable, Hashable {
    /// The record that stayed.
    public var survivor: String
    /// The id the absorbed record had (or would have had): it gets it back on unmerge.
    public var absorbed: String
    /// The rule that found the two the same, or `manual`.
    public var rule: MergeRule
    /// When the merge happened.
    public var date: Date

    /// A merge as the catalog remembers it.
    public init(survivor: String, absorbed: String, rule: MergeRule, date: Date) {
        self.survivor = survivor
        self.absorbed = absorbed
        self.rule = rule
        self.date = date
    }
}

/// Why two records became one: a dedupe rule, or a librarian's `archivar merge`.
public struct MergeRule: Sendable, Hashable, CustomStringConvertible {
    /// The name stored in the catalog (`doi`, `isbn`, `title-year-creator`, `link`, `manual`).
    public let name: String

    /// A rule by its stored name; names this version does not know are kept as they are.
    public init(name: String) { self.name = name }

    /// The same DOI.
    public static let doi = MergeRule(name: "doi")
    /// The same ISBN (an ISBN-10 and its ISBN-13 count as the same).
    public static let isbn = MergeRule(name: "isbn")
    /// The same normalized title, year and first creator.
    public static let titleYearCreator = MergeRule(name: "title-year-creator")
    /// The same link (feed items).
    public static let link = MergeRule(name: "link")
    /// A librarian's `archivar merge`.
    public static let manual = MergeRule(name: "manual")

    /// What the rule means, for reports: "same DOI", "merged by hand".
    public var description: String {
        switch name {
        case "doi": return "same DOI"
        case "isbn": return "same ISBN"
        case "title-year-creator": return "same title, year and first creator"
        case "link": return "same link"
        case "manual": return "merged by hand"
        default: return name
        }
    }
}

/// The dedupe stage's finding that an incoming record is a stored one's duplicate. It
/// travels with the record (`Record.mergeProposal`) to `CatalogWriter.store`, which
/// merges, remembers the merge and removes the proposal before storing anything.
public struct MergeProposal: Sendable, Hashable {
    /// The stored record to merge into.
    public var survivor: String
    /// The rule whose key matched.
    public var rule: MergeRule

    /// A proposal to merge into `survivor` by `rule`.
    public init(survivor: String, rule: MergeRule) {
        self.survivor = survivor
        self.rule = rule
    }
}

extension Record {
    /// The field that carries a `MergeProposal` from the dedupe stage to the catalog.
    static let mergeProposalField = "archivar-merge-into"

    /// The merge the dedupe stage proposes for this record; never stored.
    public var mergeProposal: MergeProposal? {
        get {
            guard let object = self[Self.mergeProposalField]?.object, let survivor = object["id"]?.text,
                  let rule = object["rule"]?.text else { return nil }
            return MergeProposal(survivor: survivor, rule: MergeRule(name: rule))
        }
        set {
            self[Self.mergeProposalField] = newValue.map { .object(["id": .string($0.survivor), "rule": .string($0.rule.name)]) }
        }
    }
}

/// What `CatalogWriter.store` did with one record.
public struct StoreResult: Sendable, Equatable {
    /// Whether the stored record was inserted, changed or left as it was.
    public var outcome: UpsertOutcome
    /// The record it is stored in (the survivor when it was merged).
    public var id: String
    /// The merge this record caused, when it was merged into a stored record.
    public var merge: MergeEntry?

    /// What one `store` call did.
    public init(outcome: UpsertOutcome, id: String, merge: MergeEntry? = nil) {
        self.outcome = outcome
        self.id = id
        self.merge = merge
    }
}
