import Foundation

/// The moment a server asked to be contacted again in a `Retry-After` header: either
/// a number of seconds or an HTTP-date.
/// Spec: RFC 9110 §10.2.3.
public enum RetryAfter {
    /// The moment `value` names, counted from `now`; nil when it is neither form.
    public static func date(_ value: String, now: Date) -> Date? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber) {
            return Int(trimmed).map { now.addingTimeInterval(TimeInterval($0)) }
        }
        return DateText.rfc822(trimmed)
    }
}
