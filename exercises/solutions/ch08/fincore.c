/* Exercise 8.1: The page cache of several files (reference solution) */
#define _DEFAULT_SOURCE /* mincore, through residency.h's count_resident() */
#include "fincore.h"

#include "residency.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* One file, open on @fd: its pages, and what mincore() says if it tells the truth. */
static int ask(int fd, struct file_residency *r)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    if (!S_ISREG(st.st_mode)) {
        errno = EINVAL;
        return -1;
    }
    size_t page = (size_t)sysconf(_SC_PAGESIZE), size = (size_t)st.st_size;
    r->pages = (size + page - 1) / page;
    int known = residency_known(fd);
    if (known < 0)
        return -1;
    r->known = known;
    if (size == 0 || !known)
        return 0; /* nothing to map, or nothing mincore() would tell truly */
    void *map = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0); /* never touched */
    if (map == MAP_FAILED)
        return -1;
    int rc = count_resident(map, size, &r->resident);
    int saved = errno;
    munmap(map, size);
    errno = saved;
    return rc;
}

size_t fincore(const char *const paths[], size_t n, struct file_residency out[],
               size_t *total_pages, size_t *total_resident)
{
    size_t asked = 0;
    *total_pages = *total_resident = 0;
    for (size_t i = 0; i < n; i++) {
        struct file_residency r = {0};
        int fd = open(paths[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0 || ask(fd, &r) != 0)
            r = (struct file_residency){.error = errno};
        if (fd >= 0)
            close(fd);
        out[i] = r;
        if (r.error == 0) {
            asked++;
            if (r.known) {
                *total_pages += r.pages;
                *total_resident += r.resident;
            }
        }
    }
    return asked;
}
