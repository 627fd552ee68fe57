extension String {
    /// Removes the first match of `regex` from the string and returns it; nil leaves the
    /// string as it is. The pieces of a citation are peeled off this way, end first.
    mutating func cut<Output>(_ regex: Regex<Output>) -> Regex<Output>.Match? {
        guard let match = firstMatch(of: regex) else { return nil }
        removeSubrange(match.range)
        return match
    }

    /// The text without surrounding spaces and trailing `.`, `,` or `;`.
    var trimmedPhrase: String {
        var text = trimmingCharacters(in: .whitespaces)
        while let last = text.last, ".,;".contains(last) || last == " " { text.removeLast() }
        return text
    }
}
