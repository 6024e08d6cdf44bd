/* Exercise 8.2: A prefetch window (reference solution) */
#define _DEFAULT_SOURCE /* madvise, MADV_WILLNEED, MADV_DONTNEED */
#include "prefetch.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

int prefetch_window(void *map, size_t length, size_t pos, size_t window)
{
    if (pos >= length || window == 0) {
        errno = EINVAL;
        return -1;
    }
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    unsigned char *base = map;
    size_t start = pos / page * page;
    size_t end = length - pos < window ? length : pos + window;
    if (madvise(base + start, end - start, MADV_WILLNEED) != 0)
        return -1;
    size_t behind = pos > window ? (pos - window) / page * page : 0;
    if (behind > 0 && madvise(base, behind, MADV_DONTNEED) != 0)
        return -1;
    return 0;
}
