/* check.c: the records the header counts must all be whole; what it does not
 * count is reported, and ignored. */
#include "check.h"

#include "fileio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* region: tail */
/* The bytes past the committed end are read with pread(), not through the
 * mapping: on tmpfs even a load from a hole needs a page of memory, and on a
 * full tmpfs there is none, so the mapping would answer SIGBUS. pread()
 * returns zeros for a hole without allocating anything. */
static int scan_tail(struct log *log, struct check_result *r)
{
    enum { BUF = 65536 };
    unsigned char *buf = malloc(BUF);
    if (buf == NULL)
        return log_fail(log, "malloc", errno);
    uint64_t at = log->committed;
    int rc = 0;
    while (at < log->size) {
        size_t want = log->size - at < BUF ? (size_t)(log->size - at) : BUF;
        ssize_t got = pread_full(log->fd, buf, want, (off_t)at);
        if (got < 0) {
            rc = log_fail(log, "pread", errno);
            break;
        }
        for (ssize_t i = 0; i < got; i++) {
            if (buf[i] != 0 && r->tail_nonzero++ == 0)
                r->tail_first = at + (uint64_t)i;
        }
        if ((size_t)got < want)
            break; /* the file is shorter now: someone truncated it */
        at += (uint64_t)got;
    }
    free(buf);
    return rc;
}
/* end region: tail */

int log_check(struct log *log, struct check_result *r)
{
    memset(r, 0, sizeof *r);
    if (log_walk(log, NULL, NULL, &r->walk) != 0)
        return -1;
    r->walk_done = 1;
    return scan_tail(log, r);
}
