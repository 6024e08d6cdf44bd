/* commit.c: records first, then the word that counts them, each on disk
 * before the next step. */
#include "commit.h"

#include "guard.h"
#include "log.h"
#include "mapping.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int sync_parse(const char *name, enum sync_method *out)
{
    if (strcmp(name, "msync") == 0)
        *out = SYNC_MSYNC;
    else if (strcmp(name, "fdatasync") == 0)
        *out = SYNC_FDATASYNC;
    else if (strcmp(name, "fsync") == 0)
        *out = SYNC_FSYNC;
    else
        return -1;
    return 0;
}

const char *sync_name(enum sync_method m)
{
    return m == SYNC_MSYNC ? "msync" : m == SYNC_FDATASYNC ? "fdatasync" : "fsync";
}

/* region: sync-range */
/* Wait until the bytes [from, to) of the file are on disk. msync() wants a
 * page-aligned start; it writes only the pages in its range. fdatasync()
 * and fsync() write every dirty page of the file. */
static int sync_range(struct log *log, uint64_t from, uint64_t to)
{
    uint64_t start = from / page_size() * page_size();
    switch (log->settings.sync) {
    case SYNC_MSYNC:
        return msync(log->view.base + start, (size_t)(to - start), MS_SYNC);
    case SYNC_FDATASYNC:
        return fdatasync(log->fd);
    case SYNC_FSYNC:
    default:
        return fsync(log->fd);
    }
}
/* end region: sync-range */

struct publish {
    struct log_header *header;
    uint64_t committed;
};

static void publish(void *arg)
{
    const struct publish *p = arg;
    header_store_committed(p->header, p->committed);
}

/* region: commit */
int log_commit(struct log *log)
{
    if (log->end == log->committed)
        return 0;
    /* 1. The new records reach the disk while nothing points at them yet. */
    if (sync_range(log, log->committed, log->end) != 0)
        return log_fail(log, sync_name(log->settings.sync), errno);
    /* 2. One aligned 8-byte store: from now on readers see the new records,
     *    and a crash of this process keeps them. */
    struct publish p = { (struct log_header *)log->view.base, log->end };
    if (guard_run(log->view.base, sizeof *p.header, publish, &p) != 0)
        return log_fail(log, "SIGBUS storing the committed length: the file was truncated", 0);
    /* 3. The header reaches the disk: now a power cut keeps them too. */
    if (sync_range(log, 0, sizeof *p.header) != 0)
        return log_fail(log, sync_name(log->settings.sync), errno);
    log->committed = log->end;
    log->commits++;
    return 0;
}
/* end region: commit */
