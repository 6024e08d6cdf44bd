/* Exercise 5.2: Map it if you can, read it if you must (reference solution) */
#include "load_input.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int map_whole(int fd, size_t size, struct input *in)
{
    void *p = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return -1;
    in->data = p;
    in->size = size;
    in->mapped = 1;
    return 0;
}

static int read_all(int fd, struct input *in)
{
    unsigned char *buf = NULL;
    size_t size = 0, capacity = 0;
    for (;;) {
        if (size == capacity) {
            size_t bigger = capacity ? 2 * capacity : 65536;
            unsigned char *p = realloc(buf, bigger);
            if (p == NULL) {
                free(buf);
                return -1;
            }
            buf = p;
            capacity = bigger;
        }
        ssize_t n = read(fd, buf + size, capacity - size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int saved = errno;
            free(buf);
            errno = saved;
            return -1;
        }
        if (n == 0)
            break;
        size += (size_t)n;
    }
    in->data = buf;
    in->size = size;
    in->mapped = 0;
    return 0;
}

int load_input(int fd, struct input *in)
{
    memset(in, 0, sizeof *in);
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    if (S_ISREG(st.st_mode) && st.st_size > 0)
        return map_whole(fd, (size_t)st.st_size, in);
    return read_all(fd, in);
}

int release_input(struct input *in)
{
    int rc = 0;
    if (in->mapped)
        rc = munmap((void *)in->data, in->size);
    else
        free((void *)in->data);
    memset(in, 0, sizeof *in);
    return rc;
}
