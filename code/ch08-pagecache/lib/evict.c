/* posix_fadvise() is POSIX; nothing more is needed here. */
#include "evict.h"

#include "strip.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

/* region: evict */
int evict_pages(int fd, const void *map, size_t length, unsigned char *vec, size_t *left)
{
    if (fsync(fd) != 0) /* DONTNEED skips dirty pages: write them back first */
        return -1;
    int err = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED); /* 0, 0: the whole file */
    if (err != 0) {
        errno = err; /* posix_fadvise returns its error instead of setting errno */
        return -1;
    }
    long resident = residency_capture(map, length, vec); /* did it work? */
    if (resident < 0)
        return -1;
    *left = (size_t)resident;
    return 0;
}
/* end region: evict */
