#include "names.h"

#include <errno.h>
#include <stddef.h>

#define NAMED(e) {.value = e, .name = #e}

const char *errno_name(int errnum)
{
    /* The errors the book's programs and exercises meet. */
    static const struct {
        int value;
        const char *name;
    } names[] = {
        NAMED(EPERM),   NAMED(ENOENT),  NAMED(ESRCH),   NAMED(EINTR),     NAMED(EIO),
        NAMED(ENXIO),   NAMED(E2BIG),   NAMED(EBADF),   NAMED(ECHILD),    NAMED(EAGAIN),
        NAMED(ENOMEM),  NAMED(EACCES),  NAMED(EFAULT),  NAMED(EBUSY),     NAMED(EEXIST),
        NAMED(ENODEV),  NAMED(ENOTDIR), NAMED(EISDIR),  NAMED(EINVAL),    NAMED(ENFILE),
        NAMED(EMFILE),  NAMED(ETXTBSY), NAMED(EFBIG),   NAMED(ENOSPC),    NAMED(ESPIPE),
        NAMED(EROFS),   NAMED(EPIPE),   NAMED(ERANGE),  NAMED(ENOSYS),    NAMED(ENODATA),
        NAMED(EOVERFLOW), NAMED(ENOTSUP), NAMED(EOWNERDEAD),
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].value == errnum)
            return names[i].name;
    return "errno";
}
