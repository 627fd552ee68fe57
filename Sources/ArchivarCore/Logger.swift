import Foundation

/// A small logger in swift-log's shape: a value over a handler. One line per event.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CustomStringConvertible {
        case debug, info, warning, error
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
        public var description: String { ["debug", "info", "warning", "error"][rawValue] }
    }

    public let handler: @Sendable (Level, String, [String: String]) -> Void
    public let minimumLevel: Level

    public init(minimumLevel: Level = .info, handler: @escaping @Sendable (Level, String, [String: String]) -> Void) {
        self.minimumLevel = minimumLevel
        self.handler = handler
    }

    public func log(_ level: Level, _ message: String, _ metadata: [String: String] = [:]) {
        guard level >= minimumLevel else { return }
        handler(level, message, metadata)
    }

    public func debug(_ message: String, _ metadata: [String: String] = [:]) { log(.debug, message, metadata) }
    public func info(_ message: String, _ metadata: [String: String] = [:]) { log(.info, message, metadata) }
    public func warning(_ message: String, _ metadata: [String: String] = [:]) { log(.warning, message, metadata) }
    public func error(_ message: String, _ metadata: [String: String] = [:]) { log(.error, message, metadata) }

    /// Whole lines on stderr: `level: message key=value…`, or one JSON object per line.
    public static func standardError(json: Bool = false, minimumLevel: Level = .info) -> Logger {
        Logger(minimumLevel: minimumLevel) { level, message, metadata in
            let line: String
            if json {
                var object: [String: JSONValue] = metadata.mapValues { .string($0) }
                object["level"] = .string(level.description)
                object["message"] = .string(message)
                object["time"] = .string(DateText.rfc3339(Date()))
                line = String(decoding: JSONValue.object(object).canonicalData(), as: UTF8.self)
            } else {
                let pairs = metadata.keys.sorted().map { "\($0)=\(metadata[$0]!)" }
                line = (["\(level): \(message)"] + pairs).joined(separator: " ")
            }
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    /// Discards everything.
    public static let silent = Logger { _, _, _ in }
}
