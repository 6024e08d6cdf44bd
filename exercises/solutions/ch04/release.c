/* Exercise 4.2: Give back the pages, keep the cache (reference solution) */
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

/* The permissions ("r--s") of the one mapping in /proc/self/maps that holds
 * all of [start, end); 0 if it has them, -1 if no single mapping does. */
static int mapping_perms(uintptr_t start, uintptr_t end, char perms[8])
{
    FILE *maps = fopen("/proc/self/maps", "r");
    if (maps == NULL)
        return -1;
    char line[4200];
    int found = -1;
    unsigned long lo, hi;
    while (found != 0 && fgets(line, sizeof line, maps) != NULL)
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) == 3 && lo <= start && end <= hi)
            found = 0;
    fclose(maps);
    return found;
}

int release_pages(void *addr, size_t length)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    uintptr_t start = (uintptr_t)addr;
    if (length == 0 || start % page != 0) {
        errno = EINVAL;
        return -1;
    }
    size_t whole = (length + page - 1) / page * page;
    char perms[8];
    if (whole < length || start + whole < start || mapping_perms(start, start + whole, perms) != 0) {
        errno = ENOMEM;
        return -1;
    }
    if (perms[3] != 's') { /* private: the pages would be lost, not released */
        errno = EINVAL;
        return -1;
    }
    return madvise(addr, whole, MADV_DONTNEED);
}

/* mincore() tells the truth only to the file's owner or one who may write it. */
static int mincore_is_truthful(const char *path, const struct stat *st)
{
    return st->st_uid == geteuid() || geteuid() == 0 ||
           faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
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
    if (!mincore_is_truthful(path, &st)) {
        close(fd);
        out->pages = pages;
        return 0;
    }
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
