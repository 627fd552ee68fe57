/// What each command does and accepts: the text of `--help` and of usage errors.
struct CommandHelp {
    let name: String
    let usage: String
    let summary: String
    let options: [(String, String)]
    /// Option names that take a value.
    let valued: Set<String>
    /// Further lines printed after the options (e.g. the query syntax of `search`).
    var details: [String] = []

    var text: String {
        var lines = ["usage: archivar [--config FILE] [--state DIR] \(usage)", "", summary]
        if !options.isEmpty {
            lines.append("")
            lines.append("options:")
            let width = options.map(\.0.count).max() ?? 0
            for (option, meaning) in options {
                lines.append("  " + option.padding(toLength: width + 2, withPad: " ", startingAt: 0) + meaning)
            }
        }
        if !details.isEmpty { lines += [""] + details }
        return lines.joined(separator: "\n")
    }

    static let all: [CommandHelp] = [run, harvest, publish, serve, search, inspect, sources, export, show, importFiles, merge, unmerge, add, edit, remove]

    static let run = CommandHelp(
        name: "run", usage: "run", summary: "Harvest every due source, then publish the archive: one pipeline pass.",
        options: [], valued: [])
    static let harvest = CommandHelp(
        name: "harvest", usage: "harvest [--source ID] [--all]",
        summary: "Ingest due sources (or all, or one) into the catalog. A second concurrent run exits 0 at once.",
        options: [("--source ID", "harvest only this source, due or not"), ("--all", "harvest every source, due or not")],
        valued: ["source"])
    static let publish = CommandHelp(
        name: "publish", usage: "publish [--full]",
        summary: "Write the archive directory from the catalog; the new archive replaces the old in one step.",
        options: [("--full", "render every page (publishing always renders everything for now)")], valued: [])
    static let serve = CommandHelp(
        name: "serve", usage: "serve [--host 127.0.0.1] [--port 8080]",
        summary: "Serve the archive, its search and APIs over HTTP; harvest due sources and republish meanwhile.",
        options: [("--host ADDRESS", "the IPv4 address to listen on (default 127.0.0.1)"),
                  ("--port N", "the port (default 8080; 0 picks a free one)")],
        valued: ["host", "port"])
    static let inspect = CommandHelp(
        name: "inspect", usage: "inspect [--plugin NAME] FILE|URL|feeds/ID.json",
        summary: "Dry run of an ingest plugin: print the records it would produce as JSON Lines; writes nothing. "
            + "Given a source file, runs its plugin with its settings on its url.",
        options: [("--plugin NAME", "the ingest plugin (default: from the file's content)")], valued: ["plugin"])
    static let sources = CommandHelp(
        name: "sources", usage: "sources [import FILE.opml | export]",
        summary: "List every source with its health; import or export an OPML subscription list (rss sources).",
        options: [], valued: [])

    static var overview: String {
        var lines = ["usage: archivar [--config FILE] [--state DIR] [--log-format text|json] COMMAND [options]", "", "commands:"]
        for command in all {
            lines.append("  " + command.name.padding(toLength: 10, withPad: " ", startingAt: 0) + command.summary)
        }
        lines += ["", "Run `archivar COMMAND --help` for a command's options."]
        return lines.joined(separator: "\n")
    }
}
