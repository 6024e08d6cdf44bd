/* Exercise 2.1: Reverse a range in place
 * Hint 1: Check the range before you map anything: which (start, end) pairs can never be reversed?
 * Hint 2: start >= end is EINVAL; so is end > size (the size comes from check_mappable()). Close the descriptor on that path, keeping errno.
 * Hint 3: Map with PROT_READ | PROT_WRITE and MAP_SHARED, swap data[i] with data[j] for i from start and j from end - 1 while i < j, then msync(MS_SYNC) and munmap; if msync fails, still munmap and close, then restore its errno.
 *
 * Write reverse_range(): the C version of Python's obj[a:b] = obj[a:b][::-1]
 * on a memory-mapped file. Open the file for reading and writing, check it
 * can be mapped and that [start, end) is a non-empty range inside it, map it
 * PROT_READ|PROT_WRITE with MAP_SHARED, reverse the bytes, msync(MS_SYNC),
 * then munmap and close. Return 0, or -1 with errno saying why (EINVAL for a
 * bad range). Release everything on every path, and keep the errno of the
 * first failure: close() must not overwrite it.
 */
#include "reverse.h"

#include "mapping.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/mman.h>
#include <unistd.h>

int reverse_range(const char *path, uint64_t start, uint64_t end)
{
    int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t size;
    const char *why;
    if (check_mappable(fd, &size, &why) != 0) {
        int saved = errno;
        close(fd);
        errno = saved;
        return -1;
    }
    /* TODO: refuse an empty or reversed range, or one past the end of the
     * file, with errno = EINVAL, before mapping anything. */
    (void)start;
    (void)end;

    /* TODO: mmap the whole file read-write and shared; reverse [start, end);
     * msync(MS_SYNC); munmap. */

    close(fd);
    errno = ENOSYS;
    return -1;
}
