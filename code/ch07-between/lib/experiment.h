/** @file experiment.h
 * @brief N processes increment one shared counter M times each, several times over.
 *
 * Each run resets the counter, starts the workers together, and times them
 * until the last has ended. The result keeps the median time per increment
 * and the run that lost the most updates: lost updates are not guaranteed on
 * any one run, so the worst is the honest one to show.
 */
#ifndef CH07_EXPERIMENT_H
#define CH07_EXPERIMENT_H

#include "counter.h"

#include <stdint.h>

/** What to run. */
struct experiment {
    struct shared_counter *counter; /**< In shared memory, initialised. */
    enum sync_mode mode;            /**< How to increment. */
    unsigned procs;                 /**< Worker processes. */
    uint64_t iters;                 /**< Increments per worker. */
    unsigned runs;                  /**< Timed runs; the median is kept. */
    int kill_holder;                /**< SYNC_MUTEX only: worker 0 dies holding the lock halfway. */
};

/** The most runs an experiment makes. */
#define EXPERIMENT_MAX_RUNS 99

/** What happened. */
struct outcome {
    uint64_t expected;       /**< procs * iters. */
    uint64_t count;          /**< The final count of the run that lost the most. */
    uint64_t counts[EXPERIMENT_MAX_RUNS]; /**< The final count of each run, in order. */
    unsigned runs;           /**< Runs made. */
    uint64_t lost;           /**< expected - count for that run. */
    uint64_t unfinished;     /**< Increments a killed holder never made (per run). */
    uint64_t repairs;        /**< EOWNERDEAD repairs, summed over the runs. */
    double ns_per_increment; /**< Median over the runs of the time per increment. */
    int failed;              /**< 1 if a worker failed or died unexpectedly. */
    char why[96];            /**< When failed: which worker and how. */
};

/**
 * @brief Run the experiment and fill @p out.
 * @param e What to run.
 * @param out Filled in.
 * @return 0 if every run was made (check out->failed for the workers); -1
 *         with errno set if workers could not be started.
 */
int experiment_run(const struct experiment *e, struct outcome *out);

#endif
