import Foundation

/// How a harvest's outcome changes a source's state: its health, its next due time
/// (interval, `Retry-After` or backoff) and whether it stays enabled.
extension SourceState {
    /// A harvest of `source` succeeded at `now`: the failures are forgiven, a source
    /// disabled by 410 is enabled again, and the next harvest is one interval away.
    /// `permanentURL` is where the source moved for good, when it did.
    public mutating func recordSuccess(of source: SourceDefinition, at now: Date, permanentURL: URL?,
                                       validators: (etag: String?, lastModified: String?)) {
        lastAttempt = now
        lastSuccess = now
        failures = 0
        disabledReason = nil
        if let permanentURL {
            self.permanentURL = permanentURL.absoluteString
            redirectedFrom = source.url
        }
        etag = validators.etag
        lastModified = validators.lastModified
        nextDue = now.addingTimeInterval(source.interval)
    }

    /// A harvest of `source` failed at `now` with `error` (shown as `message`): 410 Gone
    /// disables the source, a `Retry-After` sets the next try, otherwise `backoff` does.
    public mutating func recordFailure(of source: SourceDefinition, at now: Date, error: Error, message: String,
                                       backoff: Backoff = Backoff()) {
        lastAttempt = now
        failures += 1
        lastError = message
        let fetchError = error as? FetchError
        if fetchError?.isGone == true {
            disabledReason = "the server answered 410 Gone on \(Self.day(now))"
        }
        if let retryAfter = fetchError?.retryAfter, retryAfter > now {
            nextDue = retryAfter
        } else {
            nextDue = now.addingTimeInterval(backoff.delay(afterFailures: failures, interval: source.interval))
        }
    }

    /// `2026-11-21`, in local time.
    private static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
