#ifndef ARCHIVAR_CSYSTEM_H
#define ARCHIVAR_CSYSTEM_H

/// Atomically exchanges two paths (directories included) on the same file system.
/// Returns 0 on success, -1 with errno set otherwise. Linux renameat2(RENAME_EXCHANGE).
int archivar_exchange_paths(const char *first, const char *second);

#endif
