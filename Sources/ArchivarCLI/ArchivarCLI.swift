import ArchivarCore
import Foundation

/// The `archivar` command line (SPEC §6): parses arguments, runs one command, maps
/// every error to a message and an exit status (0 success, 1 failure, 2 bad usage).
public enum ArchivarCLI {
    /// Runs the command in `arguments` (without the program name) and returns the exit status.
    public static func main(_ arguments: [String]) async -> Int32 {
        var words = arguments
        var globals: [String: String] = [:]
        // Global options come before the command.
        while let first = words.first, first.hasPrefix("--") {
            let option = String(first.dropFirst(2))
            if option == "help" || option == "version" { break }
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard ["config", "state", "log-format"].contains(parts[0]) else { break }
            words.removeFirst()
            if parts.count == 2 {
                globals[parts[0]] = parts[1]
            } else if let value = words.first {
                globals[parts[0]] = value
                words.removeFirst()
            } else {
                return usage("--\(parts[0]) needs a value", help: CommandHelp.overview)
            }
        }
        guard let name = words.first else {
            return usage("no command given", help: CommandHelp.overview)
        }
        if name == "--help" || name == "help" || name == "-h" {
            print(CommandHelp.overview)
            return 0
        }
        if name == "--version" {
            print("archivar \(ArchivarVersion.current)")
            return 0
        }
        guard let help = CommandHelp.all.first(where: { $0.name == name }) else {
            return usage("unknown command \"\(name)\"", help: CommandHelp.overview)
        }
        let arguments: Arguments
        do {
            arguments = try Arguments(Array(words.dropFirst()), valued: help.valued)
        } catch {
            return usage("\(error)", help: help.text)
        }
        if arguments.flag("help") {
            print(help.text)
            return 0
        }
        let accepted = Set(help.options.map { String($0.0.dropFirst(2).split(separator: " ")[0]) })
        if let unknown = arguments.optionNames.subtracting(accepted).sorted().first {
            return usage("unknown option --\(unknown)", help: help.text)
        }
        let json = globals["log-format"] == "json"
        if let format = globals["log-format"], format != "json", format != "text" {
            return usage("--log-format must be text or json", help: CommandHelp.overview)
        }
        let logger = Logger.standardError(json: json, minimumLevel: ProcessInfo.processInfo.environment["ARCHIVAR_DEBUG"] == nil ? .info : .debug)
        do {
            let workspace = try Workspace(configPath: globals["config"], statePath: globals["state"], logger: logger)
            let commands = Commands(workspace: workspace)
            switch name {
            case "run": return try await commands.run()
            case "harvest": return try await commands.harvest(arguments)
            case "publish": return try await commands.publish()
            case "serve": return try await commands.serve(arguments)
            case "search": return try commands.search(arguments)
            case "add": return try await commands.add(arguments)
            case "edit": return try await commands.edit(arguments)
            case "remove": return try await commands.remove(arguments)
            case "export": return try commands.export(arguments)
            case "show": return try commands.show(arguments)
            case "import": return try await commands.importFiles(arguments)
            case "merge": return try await commands.merge(arguments)
            case "unmerge": return try await commands.unmerge(arguments)
            case "inspect": return try await commands.inspect(arguments)
            case "sources":
                switch arguments.positional.first {
                case nil: return try commands.sources()
                case "import": return try commands.importOPML(arguments)
                case "export": return try commands.exportOPML(arguments)
                case let other?: throw UsageError("unknown sources action \"\(other)\": use import FILE.opml or export")
                }
            default: return usage("unknown command \"\(name)\"", help: CommandHelp.overview)
            }
        } catch let error as UsageError {
            return usage(error.description, help: help.text)
        } catch {
            let failure = ArchivarError.wrapping(error)
            FileHandle.standardError.write(Data("archivar: \(failure)\n".utf8))
            return 1
        }
    }

    private static func usage(_ message: String, help: String) -> Int32 {
        FileHandle.standardError.write(Data("archivar: \(message)\n\n\(help)\n".utf8))
        return 2
    }
}
