/* Exercise 3.1: A buffer that seeks for free (reference solution) */
#include "bufread.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int bufread_init(struct bufread *br, int fd, size_t cap)
{
    memset(br, 0, sizeof *br);
    if (cap == 0) {
        errno = EINVAL;
        return -1;
    }
    br->buf = malloc(cap);
    if (br->buf == NULL)
        return -1;
    br->fd = fd;
    br->cap = cap;
    return 0;
}

static int in_window(const struct bufread *br, off_t pos, size_t n)
{
    return br->len > 0 && pos >= br->start && (size_t)(pos - br->start) + n <= br->len;
}

/* One pread() of a whole window, starting a quarter of a window before pos:
 * a reader that moves forward finds its next steps ahead, and a short step
 * back still lands inside. Near the end of the file the window is shorter. */
static int refill(struct bufread *br, off_t pos, size_t n)
{
    /* the margin must leave room for the n bytes asked for */
    off_t back = (off_t)(br->cap / 4 < br->cap - n ? br->cap / 4 : br->cap - n);
    br->len = 0;
    br->start = pos > back ? pos - back : 0;
    ssize_t got = pread(br->fd, br->buf, br->cap, br->start);
    if (got < 0)
        return -1;
    br->len = (size_t)got;
    return 0;
}

int bufread_at(struct bufread *br, off_t pos, unsigned char *out, size_t n)
{
    if (n == 0 || n > br->cap || pos < 0) {
        errno = EINVAL;
        return -1;
    }
    if (!in_window(br, pos, n)) {
        if (refill(br, pos, n) != 0)
            return -1;
        if (!in_window(br, pos, n)) {
            errno = ENODATA;
            return -1;
        }
    }
    memcpy(out, br->buf + (pos - br->start), n);
    return 0;
}

void bufread_free(struct bufread *br)
{
    free(br->buf);
    br->buf = NULL;
    br->len = 0;
}
