#ifndef ARCHIVAR_CSQLITE_SHIM_H
#define ARCHIVAR_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro cast Swift cannot import.
static inline int archivar_sqlite3_bind_text(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}
static inline int archivar_sqlite3_bind_blob(sqlite3_stmt *statement, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(statement, index, bytes, length, SQLITE_TRANSIENT);
}

// The type name FTS5 checks when `SELECT fts5(?1)` hands out its fts5_api pointer. It must
// outlive the statement, so it comes from a C string literal (static storage), not from Swift.
// The fts5 declarations (fts5_api, fts5_tokenizer, FTS5_TOKEN_*) are part of <sqlite3.h>.
// Spec: https://sqlite.org/fts5.html#extending_fts5
static inline const char *archivar_fts5_api_pointer_type(void) {
    return "fts5_api_ptr";
}
#endif
