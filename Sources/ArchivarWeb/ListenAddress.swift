import ArchivarCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The socket address to bind, resolved with `getaddrinfo` from a host (IPv4 or IPv6
/// literal, or a name such as `localhost`) and a port.
struct ListenAddress: CustomStringConvertible {
    let host: String
    let port: UInt16
    let isIPv6: Bool
    private let storage: sockaddr_storage

    /// - Throws: `ArchivarError` "cannot listen on HOST:PORT: …" for an unknown host.
    init(host: String, port: UInt16) throws {
        self.host = host
        self.port = port
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        guard status == 0, let first = list?.pointee, let address = first.ai_addr,
              first.ai_family == AF_INET || first.ai_family == AF_INET6
        else {
            let reason = status == 0 ? "no IPv4 or IPv6 address" : String(cString: gai_strerror(status))
            throw ArchivarError("cannot listen on \(host):\(port): \(reason)")
        }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(first.ai_addrlen)))
        }
        self.storage = storage
        isIPv6 = first.ai_family == AF_INET6
    }

    /// The host as it goes into a URL: IPv6 literals in brackets.
    var hostDescription: String { host.contains(":") ? "[\(host)]" : host }

    /// `host:port`, as in error messages.
    var description: String { "\(hostDescription):\(port)" }

    /// Calls `body` with a pointer to the address (valid only during the call).
    func withSocketAddress<T>(_ body: (UnsafePointer<sockaddr>) -> T) -> T {
        withUnsafeBytes(of: storage) { bytes in
            body(bytes.baseAddress!.assumingMemoryBound(to: sockaddr.self))
        }
    }
}
