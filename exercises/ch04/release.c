/* Exercise 4.2: Give back the pages, keep the cache
 * Hint 1: release_pages() is one madvise() call once the checks pass; the work is in the checks. Where can a process see whether one of its own mappings is shared or private?
 * Hint 2: /proc/self/maps: each line starts "start-end perms", and the fourth letter of perms is 's' for shared, 'p' for private. sscanf(line, "%lx-%lx %7s", ...) reads them; find the line whose range holds all of [addr, addr + length rounded up to pages).
 * Hint 3: For count_cached(): mincore() is truthful when st_uid == geteuid(), when you are root, or when faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0. Otherwise set pages, leave cached at 0 and known at 0, and return 0 without asking mincore().
 *
 * Chapter 4 measured a mapping's cost with Rss and Pss, and saw with
 * mincore() that the page cache keeps one copy for everyone. A long-running
 * reader can hand its share back without closing anything: madvise() with
 * MADV_DONTNEED unmaps the pages from this process only. Its Rss and Pss
 * fall; the file's pages stay in the page cache, and the next read maps them
 * again without touching the disk.
 *
 * Write release_pages(): check the arguments (a page-aligned addr, a length
 * above 0: else EINVAL), find the mapping that holds the whole range (none:
 * ENOMEM), refuse a private one (EINVAL: there MADV_DONTNEED discards the
 * process's own changes), then madvise().
 *
 * count_cached() below already counts a file's cached pages with mincore(),
 * without touching the mapping. But mincore() reports EVERY page resident to
 * a process that neither owns the file nor may write it, so the count can be
 * a lie. Make it say so: known = 0 for such a file.
 */
/* _DEFAULT_SOURCE: madvise() and mincore() are not POSIX. */
#define _DEFAULT_SOURCE
#include "release.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int release_pages(void *addr, size_t length)
{
    (void)addr;
    (void)length;
    /* TODO: check addr and length; find the mapping in /proc/self/maps that
     * holds the range; refuse a private one; madvise(MADV_DONTNEED). */
    errno = ENOSYS;
    return -1;
}

static int fail_with(int err, int fd)
{
    if (fd >= 0)
        close(fd);
    errno = err;
    return -1;
}

int count_cached(const char *path, struct cache_count *out)
{
    memset(out, 0, sizeof *out);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail_with(errno, fd);
    if (!S_ISREG(st.st_mode) || st.st_size == 0)
        return fail_with(EINVAL, fd);
    size_t page = (size_t)sysconf(_SC_PAGESIZE), length = (size_t)st.st_size;
    size_t pages = (length + page - 1) / page;
    /* TODO: if mincore() would not tell this process the truth about the file,
     * say so (known = 0) instead of counting. */
    unsigned char *vec = malloc(pages);
    if (vec == NULL)
        return fail_with(ENOMEM, fd);
    void *data = mmap(NULL, length, PROT_READ, MAP_SHARED, fd, 0);
    int err = errno;
    close(fd); /* the mapping keeps its own reference */
    if (data == MAP_FAILED) {
        free(vec);
        return fail_with(err, -1);
    }
    int rc = mincore(data, length, vec);
    err = errno;
    munmap(data, length);
    size_t cached = 0;
    for (size_t i = 0; rc == 0 && i < pages; i++)
        cached += vec[i] & 1;
    free(vec);
    if (rc != 0)
        return fail_with(err, -1);
    out->pages = pages;
    out->cached = cached;
    out->known = 1;
    return 0;
}
