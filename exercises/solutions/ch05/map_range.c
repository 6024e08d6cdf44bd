/* Exercise 5.1: Map any byte range (reference solution) */
#include "map_range.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int map_range(int fd, off_t offset, size_t length, struct range_map *rm)
{
    memset(rm, 0, sizeof *rm);
    if (offset < 0 || length == 0) {
        errno = EINVAL;
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    if (!S_ISREG(st.st_mode)) {
        errno = ENODEV;
        return -1;
    }
    /* offset + length > st_size, written so that nothing can overflow. */
    if (offset > st.st_size || (uintmax_t)length > (uintmax_t)(st.st_size - offset)) {
        errno = ERANGE;
        return -1;
    }
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t slack = (size_t)(offset % (off_t)page);
    off_t start = offset - (off_t)slack;
    void *p = mmap(NULL, slack + length, PROT_READ, MAP_SHARED, fd, start);
    if (p == MAP_FAILED)
        return -1;
    rm->base = p;
    rm->base_length = slack + length;
    rm->data = (const unsigned char *)p + slack;
    rm->length = length;
    return 0;
}

int unmap_range(struct range_map *rm)
{
    int rc = 0;
    if (rm->base != NULL)
        rc = munmap(rm->base, rm->base_length);
    memset(rm, 0, sizeof *rm);
    return rc;
}
