/* Evicting the benchmark's file from the page cache, and checking it left. */
#include "cold.h"

#include "mapping.h"
#include "residency.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

/* region: evict */
/* How many of the file's pages are in the page cache: map it (which reads
 * nothing) and ask mincore(). -1 if the question cannot be asked. */
long resident_pages(int fd, uint64_t size)
{
    void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return -1;
    size_t resident;
    int rc = count_resident(p, (size_t)size, &resident);
    int err = errno;
    munmap(p, (size_t)size);
    errno = err;
    return rc == 0 ? (long)resident : -1;
}

/* Drop the file from the page cache: write back anything dirty (fsync), then
 * tell the kernel we will not need the pages (POSIX_FADV_DONTNEED). Returns
 * the pages still resident afterwards, or -1 if eviction was refused. */
long evict(int fd, uint64_t size)
{
    if (fsync(fd) != 0)
        return -1;
    int err = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    if (err != 0) {
        errno = err;
        return -1;
    }
    return resident_pages(fd, size);
}
/* end region: evict */

void prepare_cold(int fd, uint64_t size, struct cold_report *c)
{
    long left = evict(fd, size);
    if (left < 0) {
        c->refused++;
        c->errnum = errno;
    } else if (left > 0) {
        c->dirty_runs++;
        if (left > c->most_resident)
            c->most_resident = left;
    }
}

int cold_achieved(const struct cold_report *c)
{
    return c->refused == 0 && c->dirty_runs == 0;
}
