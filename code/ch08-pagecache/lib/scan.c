/* MAP_POPULATE comes through hints.h's flags; mmap() itself is POSIX. */
#include "scan.h"

#include "evict.h"
#include "guard.h"
#include "mapping.h"
#include "progress.h"
#include "residency.h"
#include "rss.h"
#include "strip.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>

/* The pages one guarded call touches: index[from] to index[to - 1]. */
struct touches {
    const volatile unsigned char *map;
    const size_t *index;
    size_t from, to, page;
    unsigned sum; /* what was read, so that the reads cannot be left out */
};

/* region: touch */
static void touch_pages(void *arg)
{
    struct touches *t = arg;
    unsigned sum = 0;
    for (size_t i = t->from; i < t->to; i++)
        sum += t->map[t->index[i] * t->page]; /* one load per page: one fault at most */
    t->sum += sum;
}
/* end region: touch */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Let the kernel work while we do nothing: four snapshots over @ms milliseconds. */
static int wait_and_watch(const void *map, size_t size, unsigned ms, struct snapshots *snaps)
{
    static const char *const labels[] = {"waited 1/4", "waited 2/4", "waited 3/4", "waited 4/4"};
    for (int quarter = 0; quarter < 4; quarter++) {
        struct timespec pause = {.tv_sec = ms / 4000, .tv_nsec = (long)(ms % 4000) * 250000L};
        nanosleep(&pause, NULL);
        if (snapshots_take(snaps, map, size, 0, labels[quarter]) != 0)
            return -1;
    }
    return 0;
}

static int fail(struct scan_result *r, const char *call)
{
    r->status = SCAN_FAILED;
    r->failed_call = call;
    return -1;
}

/* The state before the scan: evicted (and checked) when asked, counted always. */
static int prepare(int fd, size_t size, const struct scan_options *o, unsigned char *vec,
                   struct scan_result *r)
{
    void *probe = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0); /* never touched */
    if (probe == MAP_FAILED)
        return fail(r, "mmap");
    int rc = 0;
    size_t left = 0;
    if (o->cold && !r->known) {
        r->status = SCAN_UNCHECKABLE;
        rc = -1;
    } else if (o->cold && evict_pages(fd, probe, size, vec, &left) != 0) {
        rc = fail(r, "evict");
    } else if (o->cold && left > 0) {
        r->status = SCAN_NOT_EVICTED;
        r->resident_before = (long)left;
        rc = -1;
    } else if (r->known) {
        r->resident_before = residency_capture(probe, size, vec);
        if (r->resident_before < 0)
            rc = fail(r, "mincore");
    }
    int saved = errno;
    munmap(probe, size);
    errno = saved;
    return rc;
}

/* region: touch-all */
/* Touch every page in order, one guarded call per snapshot interval. */
static int touch_all(const unsigned char *map, size_t size, const size_t *index,
                     size_t every, struct snapshots *snaps, struct scan_result *r)
{
    struct touches t = {.map = map, .index = index, .page = page_size()};
    for (t.from = 0; t.from < r->pages; t.from = t.to) {
        t.to = r->pages - t.from < every ? r->pages : t.from + every;
        if (guard_run(map, size, touch_pages, &t) != 0) {
            if (errno != EFAULT)
                return fail(r, "sigaction");
            r->status = SCAN_SHRANK;
            r->fault_page = guard_fault_offset() / t.page;
            return -1;
        }
        r->touched = t.to;
        if (r->known && snapshots_take(snaps, map, size, t.to, NULL) != 0)
            return fail(r, "mincore");
        progress("touched %zu of %zu pages", t.to, r->pages);
    }
    progress_done();
    return 0;
}
/* end region: touch-all */

static int map_advise_touch(int fd, size_t size, const struct scan_options *o,
                            const size_t *index, struct snapshots *snaps, struct scan_result *r)
{
    struct faults before, after;
    if (faults_now(&before) != 0)
        return fail(r, "getrusage");
    double start = now_ms();
    unsigned char *map =
        mmap(NULL, size, PROT_READ, MAP_SHARED | populate_map_flags(o->populate), fd, 0);
    if (map == MAP_FAILED)
        return fail(r, "mmap");
    int rc = 0;
    if (o->advice != ADVISE_DONTNEED && advise(map, size, o->advice) != 0)
        rc = fail(r, "madvise");
    if (rc == 0 && o->populate == POPULATE_MADVISE && populate_read(map, size) != 0) {
        if (errno == EINVAL)
            r->populate_skipped = 1; /* before Linux 5.14: carry on without */
        else if (errno == EFAULT) {
            /* A page past the new end could not be read. madvise() does not
             * say which, but the first such page is where the file now ends. */
            struct stat st;
            r->status = SCAN_SHRANK;
            if (fstat(fd, &st) == 0)
                r->fault_page = ((size_t)st.st_size + page_size() - 1) / page_size();
            rc = -1;
        } else
            rc = fail(r, "madvise(MADV_POPULATE_READ)");
    }
    if (rc == 0 && r->known) {
        double waited = now_ms();
        if (snapshots_take(snaps, map, size, 0, "before touching") != 0 ||
            (o->wait_ms > 0 && wait_and_watch(map, size, o->wait_ms, snaps) != 0) ||
            faults_now(&after) != 0)
            rc = fail(r, "mincore");
        start += now_ms() - waited; /* the time excludes the wait */
        if (rc == 0) { /* after a failure there may be no row, and no reading */
            r->advised_resident = snaps->resident[snaps->rows - 1];
            r->advised_faults = faults_between(&before, &after);
        }
    }
    size_t every = o->every > 0 ? o->every : (r->pages + 15) / 16;
    if (rc == 0)
        rc = touch_all(map, size, index, every, snaps, r);
    r->ms = now_ms() - start;
    if (rc == 0 && faults_now(&after) != 0)
        rc = fail(r, "getrusage");
    r->faults = faults_between(&before, &after);
    if (rc == 0 && o->advice == ADVISE_DONTNEED) {
        /* After the touches: drop this process's pages and see what stays. */
        if (mapping_rss_kib(map, &r->rss_before_kib) != 0 || advise(map, size, o->advice) != 0 ||
            mapping_rss_kib(map, &r->rss_after_kib) != 0)
            rc = fail(r, "madvise(MADV_DONTNEED)");
        else if (r->known && snapshots_take(snaps, map, size, r->touched, "after DONTNEED") != 0)
            rc = fail(r, "mincore");
    }
    if (rc == 0 && r->known)
        r->resident_after = snaps->resident[snaps->rows - 1];
    int saved = errno;
    munmap(map, size);
    errno = saved;
    return rc;
}

int scan_file(int fd, size_t size, const struct scan_options *o, struct snapshots *snaps,
              struct scan_result *r)
{
    size_t pages = (size + page_size() - 1) / page_size();
    size_t every = o->every > 0 ? o->every : (pages + 15) / 16;
    *r = (struct scan_result){.status = SCAN_DONE, .pages = pages, .resident_before = -1,
                              .resident_after = -1, .advised_resident = -1};
    *snaps = (struct snapshots){0};
    r->known = residency_known(fd) == 1;
    unsigned char *vec = malloc(pages);
    size_t *index = malloc(pages * sizeof *index);
    int rc = -1;
    if (vec == NULL || index == NULL || snapshots_init(snaps, pages, pages / every + 8) != 0)
        fail(r, "malloc");
    else if (prepare(fd, size, o, vec, r) == 0) {
        order_fill(&o->order, index, pages, o->seed);
        rc = map_advise_touch(fd, size, o, index, snaps, r);
    }
    int saved = errno;
    free(vec);
    free(index);
    errno = saved;
    return rc;
}

const char *scan_cache_state(const struct scan_result *r)
{
    if (r->resident_before < 0)
        return "unknown";
    if (r->resident_before == 0)
        return "cold";
    return (size_t)r->resident_before == r->pages ? "warm" : "partial";
}
