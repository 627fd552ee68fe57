import CSQLite
import Foundation

/// The FTS5 tokenizer `archivar_german` (see `GermanAnalyzer`), registered on a connection
/// through the `fts5_api` pointer that `SELECT fts5(?1)` hands out. Each FTS5 table that uses
/// it creates an instance of its own (a `GermanAnalyzer`, passed to SQLite as an
/// `Unmanaged` pointer and released in `xDelete`); the registration's user data is a
/// `TokenizerContext`, released by SQLite through `xDestroy` when the connection closes.
///
/// Registered with `xCreateTokenizer` (version 1): the installed SQLite (Debian 12:
/// 3.40) has no `xCreateTokenizer_v2`, which only adds locales Archivar does not use.
/// Spec: https://sqlite.org/fts5.html#extending_fts5, https://sqlite.org/fts5.html#custom_tokenizers
enum GermanTokenizer {
    /// The name in `CREATE VIRTUAL TABLE … USING fts5(…, tokenize='archivar_german')`.
    static let name = "archivar_german"

    /// Makes `archivar_german` known to `connection`; needed before any statement that
    /// touches a table using it (creating, writing, matching, rebuilding). The word list's
    /// cache (`LexiconCache`) goes to `cacheDirectory`, the state directory.
    static func register(on connection: Connection, cacheDirectory: URL?) throws {
        let api = try fts5API(of: connection)
        var tokenizer = fts5_tokenizer(xCreate: createInstance, xDelete: deleteInstance, xTokenize: tokenize)
        guard let create = api.pointee.xCreateTokenizer else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "this SQLite's FTS5 cannot take custom tokenizers", sql: nil)
        }
        let context = Unmanaged.passRetained(TokenizerContext(cacheDirectory: cacheDirectory)).toOpaque()
        let code = create(api, name, context, &tokenizer, destroyContext)
        guard code == SQLITE_OK else {
            Unmanaged<TokenizerContext>.fromOpaque(context).release() // FTS5 keeps nothing when it fails
            throw connection.error(code: code, sql: nil)
        }
    }

    /// The connection's `fts5_api`. Spec: https://sqlite.org/fts5.html#extending_fts5
    static func fts5API(of connection: Connection) throws -> UnsafeMutablePointer<fts5_api> {
        let sql = "SELECT fts5(?1)"
        var statement: OpaquePointer?
        var code = sqlite3_prepare_v2(connection.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { throw connection.error(code: code, sql: sql) }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        code = withUnsafeMutablePointer(to: &api) { pointer in
            let bound = sqlite3_bind_pointer(statement, 1, pointer, archivar_fts5_api_pointer_type(), nil)
            return bound == SQLITE_OK ? sqlite3_step(statement) : bound
        }
        guard code == SQLITE_ROW, let api, api.pointee.iVersion >= 2 else {
            throw SQLiteError(code: code, message: "this SQLite's FTS5 does not hand out its fts5_api (FTS5 missing or older than 3.20)", sql: sql)
        }
        return api
    }
}

/// What the instances on one connection share: where the word list's cache lives.
private final class TokenizerContext {
    let cacheDirectory: URL?

    init(cacheDirectory: URL?) { self.cacheDirectory = cacheDirectory }
}

/// `xDestroy`: releases the context `register` retained.
private func destroyContext(_ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    Unmanaged<TokenizerContext>.fromOpaque(context).release()
}

/// `xCreate`: a new analyzer; the tokenizer takes no arguments.
private func createInstance(
    _ context: UnsafeMutableRawPointer?, _ arguments: UnsafeMutablePointer<UnsafePointer<CChar>?>?, _ argumentCount: Int32,
    _ instance: UnsafeMutablePointer<OpaquePointer?>?
) -> Int32 {
    guard argumentCount == 0, let context, let instance else { return SQLITE_ERROR }
    let cacheDirectory = Unmanaged<TokenizerContext>.fromOpaque(context).takeUnretainedValue().cacheDirectory
    guard let analyzer = GermanAnalyzer(lexicon: { LexiconCache.lexicon(cachedIn: cacheDirectory) }) else { return SQLITE_NOMEM }
    instance.pointee = OpaquePointer(Unmanaged.passRetained(analyzer).toOpaque())
    return SQLITE_OK
}

/// `xDelete`: releases the analyzer `xCreate` retained.
private func deleteInstance(_ instance: OpaquePointer?) {
    guard let instance else { return }
    Unmanaged<GermanAnalyzer>.fromOpaque(UnsafeRawPointer(instance)).release()
}

/// `xTokenize`: runs the analyzer over `text` and hands each token to FTS5's `xToken`,
/// stopping at the first error it returns.
private func tokenize(
    _ instance: OpaquePointer?, _ context: UnsafeMutableRawPointer?, _ flags: Int32,
    _ text: UnsafePointer<CChar>?, _ length: Int32,
    _ token: (@convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32)?
) -> Int32 {
    guard let instance, let token else { return SQLITE_ERROR }
    guard let text, length > 0 else { return SQLITE_OK }
    let analyzer = Unmanaged<GermanAnalyzer>.fromOpaque(UnsafeRawPointer(instance)).takeUnretainedValue()
    let purpose: GermanAnalyzer.Purpose = if flags & FTS5_TOKENIZE_QUERY != 0 {
        flags & FTS5_TOKENIZE_PREFIX != 0 ? .prefixQuery : .query
    } else if flags & FTS5_TOKENIZE_AUX != 0 {
        .highlight
    } else {
        .document
    }
    var result = SQLITE_OK
    text.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { bytes in
        analyzer.tokenize(UnsafeBufferPointer(start: bytes, count: Int(length)), for: purpose) { bytes, colocated, range in
            result = bytes.withMemoryRebound(to: CChar.self) { characters in
                token(context, colocated ? FTS5_TOKEN_COLOCATED : 0, characters.baseAddress, Int32(characters.count),
                      Int32(range.lowerBound), Int32(range.upperBound))
            }
            return result == SQLITE_OK
        }
    }
    return result
}
