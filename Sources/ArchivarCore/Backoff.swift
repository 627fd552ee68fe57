import Foundation

/// When to try a failing source again: its own interval doubled for every further
/// failure in a row, capped, spread by random jitter so that sources failing together
/// do not all come back at the same moment, and never sooner than a minute.
public struct Backoff: Sendable {
    /// The longest wait for a source whose own interval is shorter.
    public var cap: TimeInterval = 24 * 3600
    /// The jitter, as a fraction of the delay either way (0.1: ±10 %).
    public var jitter: Double = 0.1
    /// The shortest wait, whatever the interval and jitter.
    public var minimum: TimeInterval = 60

    public init() {}

    /// The wait after `failures` failures in a row (1 for the first) of a source due
    /// every `interval` seconds: `interval · 2^(failures−1)`, at most `max(cap, interval)`,
    /// then ±`jitter` drawn from `generator`, then at least `minimum`.
    public func delay<Generator: RandomNumberGenerator>(
        afterFailures failures: Int, interval: TimeInterval, using generator: inout Generator
    ) -> TimeInterval {
        let doublings = Double(min(max(failures, 1) - 1, 32))
        let base = min(interval * pow(2, doublings), max(cap, interval))
        let spread = jitter > 0 ? Double.random(in: -jitter...jitter, using: &generator) : 0
        return max(minimum, base * (1 + spread))
    }

    /// The wait, with jitter from the system's random numbers.
    public func delay(afterFailures failures: Int, interval: TimeInterval) -> TimeInterval {
        var generator = SystemRandomNumberGenerator()
        return delay(afterFailures: failures, interval: interval, using: &generator)
    }
}
