#ifndef ARCHIVAR_CMICROHTTPD_SHIM_H
#define ARCHIVAR_CMICROHTTPD_SHIM_H
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

// Called with the raw request target (before MHD percent-decodes it); the result
// becomes the request's `*req_cls`. Spelled out here because microhttpd.h has no
// typedef for it.
typedef void *(*ArchivarMHDURICallback)(void *context, const char *uri, struct MHD_Connection *connection);

// MHD_start_daemon is variadic, which Swift cannot call: a fixed-argument wrapper.
// Binds to `address` (a sockaddr_in, or a sockaddr_in6 when `flags` has MHD_USE_IPv6;
// `port` is the same port again, for MHD's messages)
// and uses an internal polling thread plus a pool of `threads` workers. `context`
// is passed to every callback: `handler` answers requests, `uri` sees each raw
// request target, `completed` runs when a request is done, `logger` gets MHD's
// error messages (with MHD_USE_ERROR_LOG).
static inline struct MHD_Daemon *archivar_mhd_start(unsigned int flags, uint16_t port, const struct sockaddr *address,
                                                    MHD_AccessHandlerCallback handler,
                                                    ArchivarMHDURICallback uri,
                                                    MHD_RequestCompletedCallback completed,
                                                    MHD_LogCallback logger,
                                                    void *context,
                                                    unsigned int threads, unsigned int timeoutSeconds) {
    // The logger goes first, so that MHD reports problems with the other options through it.
    return MHD_start_daemon(flags, port, NULL, NULL, handler, context,
                            MHD_OPTION_EXTERNAL_LOGGER, logger, context,
                            MHD_OPTION_SOCK_ADDR, address,
                            MHD_OPTION_URI_LOG_CALLBACK, uri, context,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, context,
                            MHD_OPTION_THREAD_POOL_SIZE, threads,
                            MHD_OPTION_CONNECTION_TIMEOUT, timeoutSeconds,
                            MHD_OPTION_END);
}

// MHD_get_daemon_info is variadic too: the port the daemon listens on (the real
// one when it was started with port 0), or 0.
static inline uint16_t archivar_mhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}
#endif
