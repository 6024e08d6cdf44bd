/* grow.c: the two ways to make a file longer before storing into it.
 * _GNU_SOURCE: fallocate() is Linux's own call, not POSIX; POSIX has
 * posix_fallocate(), which glibc falls back to emulating (by writing a byte
 * into every block) where the file system cannot reserve blocks. */
#define _GNU_SOURCE
#include "grow.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int grow_parse(const char *name, enum grow_strategy *out)
{
    if (strcmp(name, "ftruncate") == 0)
        *out = GROW_FTRUNCATE;
    else if (strcmp(name, "fallocate") == 0)
        *out = GROW_FALLOCATE;
    else
        return -1;
    return 0;
}

const char *grow_name(enum grow_strategy s)
{
    return s == GROW_FTRUNCATE ? "ftruncate" : "fallocate";
}

/* region: grow */
int grow_file(int fd, enum grow_strategy s, uint64_t old_size, uint64_t new_size)
{
    if (s == GROW_FTRUNCATE)
        return ftruncate(fd, (off_t)new_size); /* a hole: no blocks yet */
    /* Mode 0: allocate blocks for the range and extend the size to cover it. */
    return fallocate(fd, 0, (off_t)old_size, (off_t)(new_size - old_size));
}
/* end region: grow */
