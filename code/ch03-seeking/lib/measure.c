/* Measuring fairly: warm-up, interleaved rounds, medians, and the cross-check. */
#include "measure.h"

#include "datafile.h"
#include "median.h"
#include "progress.h"
#include "report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* region: measure */
/* One timed run, with the page faults getrusage() saw during it and the
 * bytes the kernel had to fetch from storage for it (outside the timing). */
int measure(struct bench *b, const struct variant *v, struct sample *out)
{
    struct rusage before, after;
    long fetched = kernel_io_count(b->io_fd, "read_bytes");
    getrusage(RUSAGE_SELF, &before);
    b->syscalls = 0;
    double start = now_ms();
    int rc = v->run(b, &out->checksum);
    double end = now_ms();
    getrusage(RUSAGE_SELF, &after);
    long fetched_after = kernel_io_count(b->io_fd, "read_bytes");
    out->ms = end - start;
    out->syscalls = b->syscalls;
    out->minflt = after.ru_minflt - before.ru_minflt;
    out->majflt = after.ru_majflt - before.ru_majflt;
    out->storage_kib = fetched < 0 || fetched_after < 0 ? -1 : (fetched_after - fetched) / 1024;
    return rc;
}
/* end region: measure */

/* region: interleave */
/* A new order for each round: a Fisher-Yates shuffle driven by a fixed seed,
 * so every run of the program uses the same orders. */
static void shuffle(unsigned *order, unsigned n, uint64_t *state)
{
    for (unsigned i = n - 1; i > 0; i--) {
        unsigned char bytes[8];
        uint64_t r;
        fill_random(bytes, sizeof bytes, state);
        memcpy(&r, bytes, sizeof r);
        unsigned j = (unsigned)(r % (i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
}

/* One warm-up round, then `runs` timed rounds. Each round runs every variant
 * once, in a shuffled order, so that a slow moment of the machine is shared
 * out among all the variants, and no variant always runs right after the
 * same neighbour: after an munmap(), for one, the next loop over memory
 * finds the TLB emptied and pays to refill it. */
int run_rounds(struct bench *b, unsigned runs, int cold, struct sample *samples,
               struct cold_report *c)
{
    unsigned order[VARIANT_MAX];
    for (unsigned i = 0; i < variant_count; i++)
        order[i] = i;
    uint64_t seed = 0x5eed;
    for (unsigned round = 0; round <= runs; round++) {
        progress("%s: round %u of %u", program_name(), round + 1, runs + 1);
        shuffle(order, variant_count, &seed);
        for (unsigned i = 0; i < variant_count; i++) {
            unsigned v = order[i];
            struct sample s;
            if (cold)
                prepare_cold(b->fd, b->size, c);
            if (measure(b, &variants[v], &s) != 0) {
                progress_done();
                return -1;
            }
            if (round > 0)
                samples[(size_t)v * runs + round - 1] = s;
        }
    }
    progress_done();
    return 0;
}
/* end region: interleave */

/* region: cross-check */
/* Every variant that reads data must agree with the in-memory loop, in every run. */
int check_checksums(const struct sample *samples, unsigned runs, uint64_t reference)
{
    int rc = 0;
    for (unsigned v = 0; v < variant_count; v++) {
        if (!variants[v].reads_data)
            continue;
        for (unsigned r = 0; r < runs; r++) {
            uint64_t got = samples[(size_t)v * runs + r].checksum;
            if (got != reference) {
                report(variants[v].name, "checksum %016" PRIx64 " differs from %016" PRIx64,
                       got, reference);
                rc = -1;
                break;
            }
        }
    }
    return rc;
}
/* end region: cross-check */

void summarize(const struct sample *s, size_t runs, struct summary *out)
{
    double ms[MAX_RUNS];
    long minflt[MAX_RUNS], majflt[MAX_RUNS], storage[MAX_RUNS];
    for (size_t r = 0; r < runs; r++) {
        ms[r] = s[r].ms;
        minflt[r] = s[r].minflt;
        majflt[r] = s[r].majflt;
        storage[r] = s[r].storage_kib;
    }
    out->median = median(ms, runs);
    out->min = ms[0];
    out->max = ms[runs - 1];
    out->minflt = median_long(minflt, runs);
    out->majflt = median_long(majflt, runs);
    out->storage_kib = median_long(storage, runs); /* -1 only if unknown in most runs */
    out->syscalls = s[0].syscalls; /* the same in every run */
    out->checksum = s[0].checksum;
}
