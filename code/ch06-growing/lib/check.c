/* check.c: the records the header counts must all be whole; what it does not
 * count is reported, and ignored. */
#include "check.h"

#include "guard.h"

#include <string.h>

struct tail_scan {
    const unsigned char *p;
    uint64_t n;
    uint64_t nonzero;
    uint64_t first;
};

static void scan_tail(void *arg)
{
    struct tail_scan *t = arg;
    for (uint64_t i = 0; i < t->n; i++) {
        if (t->p[i] != 0) {
            if (t->nonzero++ == 0)
                t->first = i;
        }
    }
}

int log_check(struct log *log, struct check_result *r)
{
    memset(r, 0, sizeof *r);
    if (log_walk(log, NULL, NULL, &r->walk) != 0)
        return -1;
    /* The mapping covers the file as it was opened; look no further. */
    uint64_t end = log->size < log->view.covered ? log->size : log->view.covered;
    struct tail_scan t = { log->view.base + log->committed, end - log->committed, 0, 0 };
    if (guard_run(t.p, (size_t)t.n, scan_tail, &t) != 0)
        return log_fail(log, "SIGBUS reading past the committed end: the file was truncated", 0);
    r->tail_bytes = t.n;
    r->tail_nonzero = t.nonzero;
    r->tail_first = log->committed + t.first;
    return 0;
}
