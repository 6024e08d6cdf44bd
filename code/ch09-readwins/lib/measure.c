/* Interleaved rounds, eviction for --cold, and the summaries. */

#include "measure.h"
#include "median.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "report.h"
#include "residency.h"

/* What one run produced. */
struct sample {
    double seconds;
    long minflt, majflt;
    struct scan_result result;
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* region: measure */
/* One timed run, with the page faults getrusage() saw during it (all the
 * process's threads count: RUSAGE_SELF). */
static int measure(const struct variant *v, const struct scan *s, struct sample *out)
{
    struct rusage before, after;
    getrusage(RUSAGE_SELF, &before);
    double start = now_seconds();
    int rc = v->run(v, s, &out->result);
    double end = now_seconds();
    getrusage(RUSAGE_SELF, &after);
    out->seconds = end - start;
    out->minflt = after.ru_minflt - before.ru_minflt;
    out->majflt = after.ru_majflt - before.ru_majflt;
    return rc;
}
/* end region: measure */

/* region: evict */
int evict(int fd, uint64_t size, size_t *resident)
{
    *resident = (size_t)-1;
    if (fsync(fd) != 0)
        return -1;
    int err = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    if (err != 0) {
        errno = err;
        return -1;
    }
    /* Check: mapping reads nothing, and mincore() says what is resident,
     * if it will tell us the truth about this file. */
    if (residency_known(fd) != 1)
        return 0;
    void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        return 0;
    size_t n;
    if (count_resident(p, (size_t)size, &n) == 0)
        *resident = n;
    munmap(p, (size_t)size);
    return 0;
}
/* end region: evict */

static void prepare_cold(const struct scan *s, struct cold_report *c)
{
    size_t left;
    c->runs++;
    if (evict(s->fd, s->size, &left) != 0) {
        c->refused++;
        c->errnum = errno;
    } else if (left == (size_t)-1) {
        c->residency_known = 0;
    } else if (left > 0) {
        c->dirty_runs++;
        if (left > c->most_resident)
            c->most_resident = left;
    }
}

/* region: interleave */
/* A new order for every round (Fisher-Yates, from a fixed seed): no variant
 * always runs right after the one that has just flushed the caches. */
static void shuffle(size_t *order, size_t n, uint64_t *state)
{
    for (size_t i = n - 1; i > 0; i--) {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        size_t j = (size_t)(*state % (i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
}

static int run_rounds(const struct scan *s, unsigned runs, int cold, struct sample *samples,
                      struct cold_report *c)
{
    size_t n = variant_count(), order[64];
    uint64_t state = 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (unsigned round = 0; round <= runs; round++) {
        progress("round %u of %u", round, runs);
        shuffle(order, n, &state);
        for (size_t i = 0; i < n; i++) {
            const struct variant *v = variant_at(order[i]);
            struct sample one;
            if (cold && v->reads_file)
                prepare_cold(s, c);
            if (measure(v, s, &one) != 0) {
                progress_done();
                return -1;
            }
            if (round > 0)
                samples[order[i] * runs + round - 1] = one;
        }
    }
    progress_done();
    return 0;
}
/* end region: interleave */

/* region: cross-check */
/* Every variant that folds must agree with the reference, in every run. */
static int check_checksums(const struct scan *s, const struct sample *samples, unsigned runs)
{
    uint64_t reference = scan_reference(s);
    for (size_t v = 0; v < variant_count(); v++) {
        if (!variant_at(v)->has_checksum)
            continue;
        for (unsigned r = 0; r < runs; r++) {
            uint64_t got = samples[v * runs + r].result.checksum;
            if (got != reference) {
                report(variant_at(v)->name, "checksum %016" PRIx64 " differs from %016" PRIx64,
                       got, reference);
                return -1;
            }
        }
    }
    return 0;
}
/* end region: cross-check */

static void summarize(const struct variant *v, const struct sample *s, unsigned runs,
                      struct summary *out)
{
    double seconds[MEASURE_MAX_RUNS];
    long minflt[MEASURE_MAX_RUNS], majflt[MEASURE_MAX_RUNS];
    for (unsigned r = 0; r < runs; r++) {
        seconds[r] = s[r].seconds > 0 ? s[r].seconds : 1e-9;
        minflt[r] = s[r].minflt;
        majflt[r] = s[r].majflt;
    }
    double bytes = (double)s[0].result.bytes;
    out->variant = v;
    out->median_seconds = median(seconds, runs); /* and sorted: min first, max last */
    out->median_gbps = bytes / out->median_seconds / 1e9;
    out->min_gbps = bytes / seconds[runs - 1] / 1e9;
    out->max_gbps = bytes / seconds[0] / 1e9;
    out->syscalls = s[0].result.syscalls;
    out->minflt = median_long(minflt, runs);
    out->majflt = median_long(majflt, runs);
    out->checksum = s[0].result.checksum;
}

int measure_all(const struct scan *s, unsigned runs, int cold, struct summary *all,
                struct cold_report *c)
{
    *c = (struct cold_report){1, 0, 0, 0, 0, 0};
    size_t n = variant_count();
    struct sample *samples = calloc(n * runs, sizeof *samples);
    if (samples == NULL) {
        report("calloc", "%s", strerror(errno));
        return -1;
    }
    int rc = run_rounds(s, runs, cold, samples, c);
    if (rc == 0)
        rc = check_checksums(s, samples, runs);
    if (rc == 0)
        for (size_t v = 0; v < n; v++)
            summarize(variant_at(v), samples + v * runs, runs, &all[v]);
    free(samples);
    return rc;
}
