/* What one touch of a cold file brings in. */

/* _GNU_SOURCE: madvise() and MADV_SEQUENTIAL are not in POSIX 2008's names. */
#define _GNU_SOURCE
#include "readahead.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "guard.h"
#include "mapping.h"
#include "measure.h"
#include "residency.h"

struct touch {
    const volatile unsigned char *at;
    unsigned char byte;
};

static void touch_byte(void *arg)
{
    struct touch *t = arg;
    t->byte = t->at[0];
}

/* region: probe */
int probe_readahead(int fd, uint64_t size, enum first_touch how, size_t *pages)
{
    size_t left;
    *pages = (size_t)-1;
    /* Readahead started by an earlier touch may still be completing: evict,
     * let it land, and evict again. */
    struct timespec settle = {0, 50 * 1000 * 1000};
    if (evict(fd, size, &left) != 0 || nanosleep(&settle, NULL) != 0 ||
        evict(fd, size, &left) != 0 || left != 0)
        return 0; /* refused, unknown, or not emptied: the count would mean nothing */
    unsigned char *data = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED, fd, 0);
    if (data == MAP_FAILED)
        return -1;
    int rc = 0;
    if (how == TOUCH_READ) {
        size_t n = size < page_size() ? (size_t)size : page_size();
        unsigned char *page = malloc(n);
        rc = page == NULL || pread_full(fd, page, n, 0) < 0 ? -1 : 0;
        free(page);
    } else {
        if (how == TOUCH_MMAP_SEQUENTIAL)
            rc = madvise(data, (size_t)size, MADV_SEQUENTIAL);
        struct touch t = {data, 0};
        if (rc == 0)
            rc = guard_run(data, 1, touch_byte, &t);
    }
    /* The touch returns when its own page is in; let the rest of the read
     * it started land, then count with mincore() on the same mapping: it
     * sees the page cache, whoever filled it. */
    if (rc == 0)
        nanosleep(&settle, NULL);
    if (rc == 0 && count_resident(data, (size_t)size, pages) != 0)
        rc = -1;
    int err = errno;
    munmap(data, (size_t)size);
    errno = err;
    return rc;
}
/* end region: probe */
