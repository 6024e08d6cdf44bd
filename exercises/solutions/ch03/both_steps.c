/* Exercise 3.2: Both steps in one call (reference solution) */
/* _DEFAULT_SOURCE: preadv() is not POSIX. */
#define _DEFAULT_SOURCE
#include "both_steps.h"

#include <errno.h>
#include <sys/uio.h>
#include <unistd.h>

int both_steps(int fd, off_t limit, unsigned k, uint64_t *sum)
{
    *sum = 0;
    if (k < 1 || k > 32 || limit < 0) {
        errno = EINVAL;
        return -1;
    }
    /* In the file, step B's bytes come first, then a gap of 32 - k bytes
     * (empty when k is 32, which preadv() allows), then A's. */
    unsigned char a[32], b[32], gap[32];
    struct iovec iov[3] = {
        {.iov_base = b, .iov_len = k},
        {.iov_base = gap, .iov_len = 32 - k},
        {.iov_base = a, .iov_len = k},
    };
    for (off_t pos = 0; pos <= limit; pos += 32) {
        ssize_t got = preadv(fd, iov, 3, pos + 32);
        if (got < 0)
            return -1;
        if ((size_t)got < 32 + (size_t)k) {
            errno = ENODATA;
            return -1;
        }
        *sum = step_fold(*sum, a, k);
        *sum = step_fold(*sum, b, k);
    }
    return 0;
}
