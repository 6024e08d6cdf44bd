#include "fileio.h"

#include <errno.h>
#include <unistd.h>

ssize_t pread_full(int fd, void *buf, size_t n, off_t offset)
{
    unsigned char *p = buf;
    size_t done = 0;
    while (done < n) {
        ssize_t got = pread(fd, p + done, n - done, offset + (off_t)done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break; /* end of file */
        done += (size_t)got;
    }
    return (ssize_t)done;
}
