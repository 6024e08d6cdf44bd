#include "names.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>

struct name {
    int value;
    const char *name;
};
#define NAMED(e) {.value = e, .name = #e}

static const char *lookup(const struct name *names, size_t count, int value,
                          const char *unknown)
{
    for (size_t i = 0; i < count; i++)
        if (names[i].value == value)
            return names[i].name;
    return unknown;
}

const char *errno_name(int errnum)
{
    /* The errors the book's programs and exercises meet. */
    static const struct name names[] = {
        NAMED(EPERM),   NAMED(ENOENT),  NAMED(ESRCH),   NAMED(EINTR),     NAMED(EIO),
        NAMED(ENXIO),   NAMED(E2BIG),   NAMED(EBADF),   NAMED(ECHILD),    NAMED(EAGAIN),
        NAMED(ENOMEM),  NAMED(EACCES),  NAMED(EFAULT),  NAMED(EBUSY),     NAMED(EEXIST),
        NAMED(ENODEV),  NAMED(ENOTDIR), NAMED(EISDIR),  NAMED(EINVAL),    NAMED(ENFILE),
        NAMED(EMFILE),  NAMED(ETXTBSY), NAMED(EFBIG),   NAMED(ENOSPC),    NAMED(ESPIPE),
        NAMED(EROFS),   NAMED(EPIPE),   NAMED(ERANGE),  NAMED(ENOSYS),    NAMED(ENODATA),
        NAMED(EOVERFLOW), NAMED(ENOTSUP), NAMED(EOWNERDEAD),
    };
    return lookup(names, sizeof names / sizeof names[0], errnum, "errno");
}

const char *signal_name(int sig)
{
    /* The signals that end the book's programs, their workers and probes:
     * faults, limits, and the ways a user or a pipe stops a process. */
    static const struct name names[] = {
        NAMED(SIGBUS),  NAMED(SIGSEGV), NAMED(SIGABRT), NAMED(SIGILL),  NAMED(SIGFPE),
        NAMED(SIGKILL), NAMED(SIGXFSZ), NAMED(SIGXCPU), NAMED(SIGINT),  NAMED(SIGTERM),
        NAMED(SIGHUP),  NAMED(SIGQUIT), NAMED(SIGPIPE), NAMED(SIGALRM),
    };
    return lookup(names, sizeof names / sizeof names[0], sig, "signal");
}
