/** @file measure.h
 * @brief Timing the variants fairly: interleaved rounds, medians, and a cross-check.
 */
#ifndef CH03_MEASURE_H
#define CH03_MEASURE_H

#include "cold.h"
#include "variants.h"

#include <stddef.h>
#include <stdint.h>

/** The most timed runs per variant. */
enum { MAX_RUNS = 1000 };

/** What one run of one variant produced. */
struct sample {
    double ms;              /**< wall-clock time of the run */
    unsigned long syscalls; /**< system calls it made */
    long minflt;            /**< minor page faults getrusage() saw during it */
    long majflt;            /**< major page faults (those that waited for I/O) */
    long storage_kib;       /**< KiB it made the kernel read from storage; -1 if unknown */
    uint64_t checksum;      /**< what it folded */
};

/** A variant's results over all its timed runs. */
struct summary {
    double median;           /**< milliseconds, the median run */
    double min;              /**< milliseconds, the fastest run */
    double max;              /**< milliseconds, the slowest run */
    unsigned long syscalls;  /**< the same in every run */
    long minflt;             /**< median minor faults */
    long majflt;             /**< median major faults */
    long storage_kib;        /**< median KiB read from storage per run; -1 if unknown */
    uint64_t checksum;       /**< the first run's */
};

/**
 * @brief Time one run of @p v, and count its calls and page faults.
 * @param b The bench.
 * @param v The variant.
 * @param out Filled in.
 * @return What the variant returned: 0, or -1 after its message.
 */
int measure(struct bench *b, const struct variant *v, struct sample *out);

/**
 * @brief One untimed warm-up round, then @p runs timed rounds of every variant.
 * @param b The bench.
 * @param runs Timed runs per variant, 1 to MAX_RUNS.
 * @param cold Evict the file before every run.
 * @param samples variant_count * runs samples: variant v's run r at v * runs + r.
 * @param c Updated before every run when @p cold.
 * @return 0, or -1 as soon as a run failed (after its message).
 */
int run_rounds(struct bench *b, unsigned runs, int cold, struct sample *samples,
               struct cold_report *c);

/**
 * @brief Check that every variant that reads data folded @p reference in every run.
 * @param samples As run_rounds() filled them.
 * @param runs Runs per variant.
 * @param reference The in-memory loop's checksum.
 * @return 0, or -1 after a message naming each variant that differed.
 */
int check_checksums(const struct sample *samples, unsigned runs, uint64_t reference);

/**
 * @brief Summarize one variant's runs.
 * @param s Its samples, @p runs of them.
 * @param runs How many, 1 to MAX_RUNS.
 * @param out Filled in.
 */
void summarize(const struct sample *s, size_t runs, struct summary *out);

#endif
