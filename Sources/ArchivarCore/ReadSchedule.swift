import Foundation

/// Decides which sources of a harvest are read when: up to `limit` at once, never two from
/// one server (its host and port) at the same time, so that one slow partner does not hold
/// up the others and no partner is asked twice at once. Local sources (files, programs)
/// count as one server: they are read one after the other.
///
/// The pipeline stores the sources in their order while their plugins read ahead into
/// bounded buffers, and a plugin whose buffer is full waits until its source is stored. So
/// the sources are taken in their order, each as soon as its server is free and a place
/// is: a later source never takes a server or place before an earlier one that could have
/// it. The earliest waiting source waits only for a server that a source before it holds,
/// which lets go of server and place once stored; so the harvest never waits on itself.
struct ReadSchedule {
    /// The most sources read at once.
    let limit: Int
    private let servers: [String]
    private var waiting: [Int]
    private var busy: Set<String> = []

    /// A schedule for sources read from `servers` (one entry per source, in storing order;
    /// see `server(of:)`).
    init(servers: [String], limit: Int) {
        precondition(limit >= 1, "a harvest reads at least one source at a time")
        self.servers = servers
        self.limit = limit
        waiting = Array(servers.indices)
    }

    /// Whether every source has been started.
    var isDone: Bool { waiting.isEmpty }

    /// The sources that may start now, in order, marked as reading. Empty when every place
    /// is taken or every waiting source's server is busy: then one must finish first.
    mutating func start() -> [Int] {
        var started: [Int] = []
        var position = 0
        while position < waiting.count, busy.count < limit {
            let source = waiting[position]
            if busy.insert(servers[source]).inserted {
                started.append(source)
                waiting.remove(at: position)
            } else {
                position += 1
            }
        }
        return started
    }

    /// The source finished reading: its server is free again.
    mutating func finish(_ source: Int) {
        busy.remove(servers[source])
    }

    /// The server a source at `location` is read from: `host:port` for the network
    /// (scheme's default port when none is given), "" for a local file or program.
    static func server(of location: URL) -> String {
        guard !location.isFileURL, let host = location.host?.lowercased(), !host.isEmpty else { return "" }
        let port = location.port ?? (location.scheme?.lowercased() == "https" ? 443 : 80)
        return "\(host):\(port)"
    }
}
