/* Exercise 3.2: Empty the page cache, and prove it
 * Hint: posix_fadvise() does not set errno: it RETURNS the error number, so copy it into errno yourself.
 *
 * Chapter 3's --cold runs need a file that is not in the page cache, and a
 * way to check that it really is not. Write both halves.
 *
 * resident_pages(fd, size): map the first size bytes (PROT_READ, MAP_SHARED),
 * call mincore() on them, count the entries whose lowest bit is set, unmap,
 * and return the count. A size of 0 cannot be mapped: return 0 without
 * calling mmap(). On any failure return -1 with errno set, and do not leak the
 * mapping or the vector.
 *
 * evict_file(fd): fsync() (dirty pages are never dropped), then
 * posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED). 0 on success; -1 with errno
 * set if either fails.
 */
/* _DEFAULT_SOURCE: mincore() is not POSIX. */
#define _DEFAULT_SOURCE
#include "evict.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

long resident_pages(int fd, size_t size)
{
    (void)fd;
    (void)size;
    /* TODO: mmap, mincore, count, munmap. */
    errno = ENOSYS;
    return -1;
}

int evict_file(int fd)
{
    (void)fd;
    /* TODO: fsync, then posix_fadvise with POSIX_FADV_DONTNEED. */
    errno = ENOSYS;
    return -1;
}
