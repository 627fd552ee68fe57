import ArchivarCore
import Foundation

/// One line of a program's JSON Lines output: a CSL-JSON object, blank, or a problem.
enum RecordLine {
    case record(Record)
    case blank
    /// Why the line is not a record.
    case problem(String)

    static func read(_ line: Data) -> RecordLine {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return .blank }
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch let error as JSONSyntaxError {
            return .problem("not JSON" + (error.column.map { " at column \($0)" } ?? "") + ": \(error.reason)")
        } catch {
            return .problem("not JSON: \(error)")
        }
        do {
            return .record(try Record(json: value))
        } catch {
            return .problem("not a record: \(error)")
        }
    }
}
