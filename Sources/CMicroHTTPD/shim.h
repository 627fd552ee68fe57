#ifndef ARCHIVAR_CMICROHTTPD_SHIM_H
#define ARCHIVAR_CMICROHTTPD_SHIM_H
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

// MHD_start_daemon is variadic, which Swift cannot call: a fixed-argument wrapper.
// Binds to `address` (IPv4, network byte order) and `port`; uses an internal polling
// thread plus a thread pool of `threads` workers.
static inline struct MHD_Daemon *archivar_mhd_start(unsigned int flags, const struct sockaddr *address,
                                                    MHD_AccessHandlerCallback handler, void *context,
                                                    unsigned int threads, unsigned int timeoutSeconds) {
    return MHD_start_daemon(flags, 0, NULL, NULL, handler, context,
                            MHD_OPTION_SOCK_ADDR, address,
                            MHD_OPTION_THREAD_POOL_SIZE, threads,
                            MHD_OPTION_CONNECTION_TIMEOUT, timeoutSeconds,
                            MHD_OPTION_END);
}
#endif
