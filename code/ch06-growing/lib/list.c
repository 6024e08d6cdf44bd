/* list.c: the committed records, copied out one at a time. */
#include "list.h"

#include <errno.h>
#include <stdlib.h>

/* region: walk */
int log_walk(struct log *log, record_fn *fn, void *arg, struct walk *w)
{
    w->records = 0;
    w->offset = LOG_HEADER_SIZE;
    unsigned char *buf = malloc(RECORD_MAX);
    if (buf == NULL)
        return log_fail(log, "malloc", errno);
    int rc = 0;
    while (w->offset < log->committed) {
        uint32_t length;
        uint64_t next;
        if (log_read(log, w->offset, buf, &length, &next) != 0) {
            rc = -1;
            break;
        }
        w->records++;
        w->offset = next;
        if (fn != NULL && (rc = fn(arg, buf, length)) != 0)
            break;
    }
    free(buf);
    return rc;
}
/* end region: walk */

static int print_record(void *arg, const unsigned char *bytes, uint32_t length)
{
    FILE *out = arg;
    if (fwrite(bytes, 1, length, out) != length || putc('\n', out) == EOF)
        return 1;
    return 0;
}

int log_list(struct log *log, FILE *out, struct walk *w)
{
    int rc = log_walk(log, print_record, out, w);
    if (rc > 0)
        return log_fail(log, "writing to stdout", errno);
    return rc;
}
