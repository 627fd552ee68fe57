/// A command line split into options and positional arguments. Hand-rolled on purpose
/// (no package dependencies); `--name value`, `--name=value` and flags are understood.
struct Arguments {
    private(set) var positional: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Parses `words`; `valued` lists the options that take a value.
    init(_ words: [String], valued: Set<String>) throws {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                positional += words[index...]
                break
            }
            guard word.hasPrefix("--"), word.count > 2 else {
                positional.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if valued.contains(name) {
                if value == nil {
                    guard index < words.count else { throw UsageError("--\(name) needs a value") }
                    value = words[index]
                    index += 1
                }
                values[name, default: []].append(value ?? "")
            } else {
                guard value == nil else { throw UsageError("--\(name) takes no value") }
                flags.insert(name)
            }
        }
    }

    /// The last value given for a valued option.
    func value(_ name: String) -> String? { values[name]?.last }
    /// Every value given for a valued option that may repeat (`--author A --author B`), in order.
    func values(_ name: String) -> [String] { values[name] ?? [] }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// Every option given, for checking against what a command accepts.
    var optionNames: Set<String> { flags.union(values.keys) }
}

/// Bad usage: printed with the command's usage, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
