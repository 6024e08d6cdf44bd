/* remap.c: three ways for a mapping to follow a growing file.
 * _GNU_SOURCE: mremap() and MREMAP_MAYMOVE are Linux's own; POSIX has no
 * way to resize a mapping. */
#define _GNU_SOURCE
#include "remap.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

int remap_parse(const char *name, enum remap_strategy *out)
{
    if (strcmp(name, "reserve") == 0)
        *out = REMAP_RESERVE;
    else if (strcmp(name, "mremap") == 0)
        *out = REMAP_MREMAP;
    else if (strcmp(name, "unmap") == 0)
        *out = REMAP_UNMAP;
    else
        return -1;
    return 0;
}

const char *remap_name(enum remap_strategy s)
{
    return s == REMAP_RESERVE ? "reserve" : s == REMAP_MREMAP ? "mremap" : "unmap";
}

int view_map(struct view *v, int fd, size_t size, int writable, enum remap_strategy how,
             size_t reserve)
{
    memset(v, 0, sizeof *v);
    size_t length = size;
    if (how == REMAP_RESERVE) {
        if (size > reserve) {
            errno = EFBIG;
            return -1;
        }
        length = reserve; /* pages past the end of the file: SIGBUS until it grows */
    }
    int prot = writable ? PROT_READ | PROT_WRITE : PROT_READ;
    void *p = mmap(NULL, length, prot, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return -1;
    *v = (struct view){ .base = p, .length = length, .covered = size, .how = how, .fd = fd,
                        .prot = prot };
    return 0;
}

/* region: follow */
int view_follow(struct view *v, size_t size)
{
    unsigned char *old = v->base;
    void *p;
    switch (v->how) {
    case REMAP_RESERVE:
        if (size > v->length) {
            errno = EFBIG; /* the file outgrew the addresses reserved for it */
            return -1;
        }
        v->covered = size; /* same mapping, same address: nothing to do */
        return 0;
    case REMAP_MREMAP:
        p = mremap(v->base, v->length, size, MREMAP_MAYMOVE);
        if (p == MAP_FAILED)
            return -1;
        break;
    case REMAP_UNMAP:
    default:
        if (munmap(v->base, v->length) != 0)
            return -1;
        v->base = NULL; /* a failed mmap() below leaves nothing mapped */
        v->length = v->covered = 0;
        p = mmap(NULL, size, v->prot, MAP_SHARED, v->fd, 0);
        if (p == MAP_FAILED)
            return -1;
        break;
    }
    v->remaps++;
    if (p != old)
        v->moves++;
    v->base = p;
    v->length = v->covered = size;
    return 0;
}
/* end region: follow */

int view_unmap(struct view *v)
{
    int rc = 0;
    if (v->base != NULL && munmap(v->base, v->length) != 0)
        rc = -1;
    int saved = errno;
    memset(v, 0, sizeof *v);
    errno = saved;
    return rc;
}
