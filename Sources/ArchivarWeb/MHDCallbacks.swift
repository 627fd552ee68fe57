import CMicroHTTPD
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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

    /// Called once per request with its raw target: a copy becomes the request's
    /// `*req_cls`, freed by the handler or by `completed`.
    static let receivedTarget: ArchivarMHDURICallback = { cls, uri, _ in
        guard let cls, let uri else { return nil }
        context(cls).inFlight.add(1, ordering: .releasing)
        return UnsafeMutableRawPointer(strdup(uri))
    }

    /// Converts the request, asks the router, queues the answer.
    static let access: MHD_AccessHandlerCallback = { cls, connection, _, method, _, _, uploadDataSize, requestContext in
        guard let cls, let connection, let method, let requestContext else { return .NO }
        guard let target = requestContext.pointee else {
            // Answered already (405 before a request body): drop the body as it arrives.
            guard let uploadDataSize, uploadDataSize.pointee > 0 else { return .NO }
            uploadDataSize.pointee = 0
            return .YES
        }
        requestContext.pointee = nil
        let rawTarget = String(cString: target.assumingMemoryBound(to: CChar.self))
        free(target)
        let request = HTTPRequest(method: String(cString: method), target: rawTarget, headers: headers(of: connection))
        return queue(context(cls).router.respond(to: request), on: connection, context: context(cls))
    }

    /// Runs when a request is done, answered or not.
    static let completed: MHD_RequestCompletedCallback = { cls, _, requestContext, _ in
        if let requestContext {
            free(requestContext.pointee)
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
