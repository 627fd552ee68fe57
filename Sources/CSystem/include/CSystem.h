#ifndef ARCHIVAR_CSYSTEM_H
#define ARCHIVAR_CSYSTEM_H

/// Atomically exchanges two paths (directories included) on the same file system.
/// Returns 0 on success, -1 with errno set otherwise. Linux renameat2(RENAME_EXCHANGE).
int archivar_exchange_paths(const char *first, const char *second);



/// Makes stdout line-buffered, so a pipe (a test, journald) sees each line at once.
void archivar_line_buffer_stdout(void);
#endif
