/* Exercise 6.2: Follow a growing file (reference solution) */
/* _GNU_SOURCE: mremap() and MREMAP_MAYMOVE are Linux's own. */
#define _GNU_SOURCE
#include "follow.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void follow_open(struct follower *f, int fd)
{
    memset(f, 0, sizeof *f);
    f->fd = fd;
}

/* Make the mapping cover @size bytes: map the first time, mremap() after. */
static int cover(struct follower *f, size_t size)
{
    void *p = f->data == NULL ? mmap(NULL, size, PROT_READ, MAP_SHARED, f->fd, 0)
                              : mremap((void *)f->data, f->length, size, MREMAP_MAYMOVE);
    if (p == MAP_FAILED)
        return -1;
    f->data = p; /* it may have moved: f->next is an offset, still right */
    f->length = size;
    return 0;
}

ssize_t follow_poll(struct follower *f, const unsigned char **out)
{
    *out = NULL;
    struct stat st;
    if (fstat(f->fd, &st) != 0)
        return -1;
    size_t size = (size_t)st.st_size;
    if (size <= f->next)
        return 0; /* nothing new (a file that shrank has nothing new either) */
    if (size > f->length && cover(f, size) != 0)
        return -1;
    *out = f->data + f->next;
    ssize_t n = (ssize_t)(size - f->next);
    f->next = size;
    return n;
}

void follow_close(struct follower *f)
{
    if (f->data != NULL)
        munmap((void *)f->data, f->length);
    memset(f, 0, sizeof *f);
    f->fd = -1;
}
