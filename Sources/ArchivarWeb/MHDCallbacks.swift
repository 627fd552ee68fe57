import CMicroHTTPD
import Foundation

/// The C callbacks given to libmicrohttpd. They cannot capture: each gets the
/// `ServerContext` through its `cls` pointer.
///
/// MHD percent-decodes the path it passes to the access handler (so `%2e%2e` would
/// arrive as `..` and `%2f` as `/`). The server therefore takes the raw request target
/// from the URI callback instead, and `Router` decodes it exactly once itself.
/// Spec: GNU libmicrohttpd manual, "MHD_AccessHandlerCallback", "MHD_OPTION_URI_LOG_CALLBACK".
enum MHDCallbacks {
    private static func context(_ cls: UnsafeMutableRawPointer) -> ServerContext {
        Unmanaged<ServerContext>.fromOpaque(cls).takeUnretainedValue()
    }

    /// Called once per request with its raw target: starts a `PendingRequest`, which
    /// becomes the request's `*req_cls` until `completed` releases it.
    static let receivedTarget: ArchivarMHDURICallback = { cls, uri, _ in
        guard let cls, let uri else { return nil }
        context(cls).inFlight.add(1, ordering: .releasing)
        return Unmanaged.passRetained(PendingRequest(target: String(cString: uri))).toOpaque()
    }

    /// Called after the headers, then for each piece of a body, then once more at its
    /// end. A request without a body is answered on that last call: a response queued
    /// on the first call makes MHD close the connection instead of keeping it alive.
    /// A body, which no route reads, is answered on the first call, so MHD drops it
    /// unread (and closes the connection).
    static let access: MHD_AccessHandlerCallback = { cls, connection, _, method, _, _, uploadDataSize, requestContext in
        guard let cls, let connection, let method, let pointer = requestContext?.pointee else { return .NO }
        let pending = Unmanaged<PendingRequest>.fromOpaque(pointer).takeUnretainedValue()
        uploadDataSize?.pointee = 0
        guard !pending.answered else { return .YES }
        let request: HTTPRequest
        if let seen = pending.request {
            request = seen
        } else {
            request = HTTPRequest(method: String(cString: method), target: pending.target, headers: headers(of: connection))
            pending.request = request
            let announcesBody = request.headers["Transfer-Encoding"] != nil
                || (request.headers["Content-Length"].map { $0.trimmingCharacters(in: .whitespaces) != "0" } ?? false)
            guard announcesBody else { return .YES }
        }
        pending.answered = true
        let server = context(cls)
        return queue(server.respond(request), on: connection, context: server)
    }

    /// Runs when a request is done, answered or not.
    static let completed: MHD_RequestCompletedCallback = { cls, _, requestContext, _ in
        if let requestContext, let pending = requestContext.pointee {
            Unmanaged<PendingRequest>.fromOpaque(pending).release()
            requestContext.pointee = nil
        }
        if let cls { context(cls).inFlight.subtract(1, ordering: .releasing) }
    }

    /// libmicrohttpd's error messages, formatted and handed to the context.
    static let log: MHD_LogCallback = { cls, format, arguments in
        guard let cls, let format, let arguments else { return }
        var buffer = [CChar](repeating: 0, count: 1024)
        _ = vsnprintf(&buffer, buffer.count, format, arguments)
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        context(cls).daemonMessage(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func headers(of connection: OpaquePointer) -> HTTPHeaders {
        var fields: [(String, String)] = []
        withUnsafeMutablePointer(to: &fields) { pointer in
            _ = MHD_get_connection_values(connection, .HEADER_KIND, { cls, _, key, value in
                guard let cls, let key else { return .YES }
                cls.assumingMemoryBound(to: [(String, String)].self).pointee
                    .append((String(cString: key), value.map { String(cString: $0) } ?? ""))
                return .YES
            }, pointer)
        }
        return HTTPHeaders(fields)
    }

    private static func queue(_ response: HTTPResponse, on connection: OpaquePointer, context: ServerContext) -> MHD_Result {
        let created = response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress),
                                            .RESPMEM_MUST_COPY)
        }
        guard let created else {
            context.logger.error("libmicrohttpd could not create a response", ["bytes": String(response.body.count)])
            return .NO
        }
        defer { MHD_destroy_response(created) }
        for field in response.headers where MHD_add_response_header(created, field.name, field.value) == .NO {
            context.logger.warning("libmicrohttpd refused a response header", ["header": field.name])
        }
        return MHD_queue_response(connection, UInt32(response.status.code), created)
    }
}

/// One request between MHD's callbacks: its raw target and how far it got.
/// Not Sendable and needs no lock: libmicrohttpd runs the callbacks of one request
/// one after another, on the thread that owns its connection.
private final class PendingRequest {
    let target: String
    /// Set on the first call, when the headers are known.
    var request: HTTPRequest?
    var answered = false

    init(target: String) { self.target = target }
}
