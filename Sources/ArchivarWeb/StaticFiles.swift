import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Serves the published archive: `index.html` for directories, a redirect for a
/// directory named without its slash, validators and `304 Not Modified`.
///
/// Every path is resolved with `realpath` and must stay under the archive's own real
/// path, so a symlink pointing outside is as missing as a file that is not there.
/// The archive root is resolved per request: publishing may swap it atomically.
/// Spec: RFC 9110 §8.8 (validators), §13 (conditional requests), through `CacheValidators`.
struct StaticFiles: Sendable {
    let root: URL

    /// The response for `path` (already checked by `RequestPath`).
    /// - Throws: `HTTPError` 404 when there is no such file inside the archive.
    func response(for path: RequestPath, request: HTTPRequest) throws -> HTTPResponse {
        guard var file = try open(path.segments), file.isDirectory || !path.hasTrailingSlash else {
            throw HTTPError(.notFound, "no such file")
        }
        if file.isDirectory {
            guard path.hasTrailingSlash || path.segments.isEmpty else {
                // Relative, so it stays right behind a proxy that mounts the archive under a prefix.
                let location = PercentEncoding.encode(path.segments.last ?? "") + "/"
                    + (request.query.isEmpty ? "" : "?" + request.query)
                return HTTPResponse(status: .movedPermanently, headers: ["Location": location])
            }
            guard let index = try open(path.segments + ["index.html"]), !index.isDirectory else {
                throw HTTPError(.notFound, "directory without index.html")
            }
            file = index
        }
        return try file.validators.response(to: request, contentType: MIMEType.forFile(named: file.name), body: file.read)
    }

    /// The archive's own `404.html`, when it has one.
    func notFoundPage() throws -> Data? {
        guard let file = try open(["404.html"]), !file.isDirectory else { return nil }
        return try file.read()
    }

    /// Opens `segments` under the root: nil when missing, outside the archive, or
    /// neither a regular file nor a directory.
    private func open(_ segments: [String]) throws -> OpenFile? {
        guard let rootPath = Self.realPath(root.path),
              let path = Self.realPath(([rootPath] + segments).joined(separator: "/")),
              path == rootPath || path.hasPrefix(rootPath == "/" ? "/" : rootPath + "/")
        else { return nil }
        // O_NONBLOCK: a FIFO placed in the archive must not hang a worker thread.
        let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw HTTPError(.internalServerError, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(handle.fileDescriptor, &info) == 0 else {
            throw HTTPError(.internalServerError, "cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFDIR else { return nil }
        return OpenFile(handle: handle, path: path, info: info)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// An open file with the status read from the same descriptor, so validators and
/// content belong together even while the archive is being republished.
private struct OpenFile {
    let handle: FileHandle
    let path: String
    let info: stat

    var name: String { String(path.split(separator: "/").last ?? "") }
    var isDirectory: Bool { info.st_mode & S_IFMT == S_IFDIR }

    /// The ETag from inode, size and modification time in nanoseconds (it changes
    /// whenever the file does), and the modification time.
    var validators: CacheValidators {
        let nanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let etag = "\"" + [UInt64(info.st_ino), UInt64(info.st_size), UInt64(bitPattern: nanoseconds)]
            .map { String($0, radix: 16) }.joined(separator: "-") + "\""
        return CacheValidators(etag: etag, modified: Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec)))
    }

    func read() throws -> Data {
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw HTTPError(.internalServerError, "cannot read \(path)", underlying: error)
        }
    }
}
