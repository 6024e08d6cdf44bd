/** @file measure.h
 * @brief Run every variant in interleaved rounds, cold or warm, and sum up what each run cost.
 * One untimed warm-up round, then the timed rounds. Each round runs every
 * variant once, in a new shuffled order each time, so that a slow moment of
 * the machine is shared out among all of them, and no variant always follows
 * the one that flushed the caches. Every run's
 * checksum must equal the reference, or the whole measurement is void.
 */
#ifndef CH09_MEASURE_H
#define CH09_MEASURE_H

#include <stddef.h>
#include <stdint.h>

#include "variants.h"

/** The most timed rounds. */
#define MEASURE_MAX_RUNS 1000

/** One variant's results over all its timed runs. */
struct summary {
    const struct variant *variant; /**< Which variant. */
    double median_gbps;            /**< Median bandwidth, 10^9 bytes per second. */
    double min_gbps;               /**< Slowest run. */
    double max_gbps;               /**< Fastest run. */
    double median_seconds;         /**< Median time of one run. */
    unsigned long syscalls;        /**< Calls per run (the same in every run). */
    long minflt;                   /**< Median minor page faults per run. */
    long majflt;                   /**< Median major page faults per run. */
    uint64_t checksum;             /**< What every run folded. */
};

/** What --cold achieved before the runs of the variants that read the file. */
struct cold_report {
    int residency_known;  /**< 0 when mincore() cannot be trusted for this file (residency.h). */
    int refused;          /**< Eviction failed outright this many times. */
    int errnum;           /**< Why, the last time. */
    int dirty_runs;       /**< Runs that started with pages still resident. */
    size_t most_resident; /**< The most pages resident before a run. */
    int runs;             /**< Runs evicted before. */
};

/**
 * @brief Evict a file from the page cache: fsync(), then POSIX_FADV_DONTNEED.
 * @param fd The file.
 * @param size Its size.
 * @param resident Where the pages still resident afterwards go, counted by
 *        mincore() through a fresh mapping; (size_t)-1 when that count cannot
 *        be trusted (residency_known() is 0) or taken.
 * @return 0 if the kernel accepted the eviction; -1 with errno set if not.
 */
int evict(int fd, uint64_t size, size_t *resident);

/**
 * @brief Run one warm-up round and @p runs timed rounds of every variant; check and sum them up.
 * @param s The scan, after scan_setup().
 * @param runs Timed rounds, 1 to MEASURE_MAX_RUNS.
 * @param cold 1 to evict the file before each run of a variant that reads it.
 * @param all variant_count() summaries, in the order of variant_at().
 * @param c Filled in when @p cold.
 * @return 0 on success; -1 after a one-line error on stderr (a failed run or
 *         a checksum that differs from the reference).
 */
int measure_all(const struct scan *s, unsigned runs, int cold, struct summary *all,
                struct cold_report *c);

#endif
