/** @file round.h
 * @brief One round of sharemap: start the workers, wait until they hold the file, measure, print, reap.
 */
#ifndef CH04_ROUND_H
#define CH04_ROUND_H

#include "config.h"
#include "workers.h"

#include <stddef.h>

/** One round's workers and what was measured while they held the file. */
struct round {
    enum mode mode;               /**< MODE_MMAP or MODE_READ */
    size_t size;                  /**< the file's size in bytes */
    struct worker *w;             /**< room for c->procs workers */
    unsigned started;             /**< how many were started */
    int cache_known;              /**< 1 if cache_kib is true; 0 if mincore() would lie or failed */
    unsigned long long cache_kib; /**< the file's pages in the page cache, in KiB */
};

/**
 * @brief How much of a file is in the page cache, asked with mincore().
 *
 * Maps the file and never touches the mapping, so asking changes nobody's
 * figures.
 * @param path The file.
 * @param kib Where the resident KiB go.
 * @return 1 if @p kib is true; 0 if mincore() would report every page
 *         resident (not our file, see residency_known()) or could not be asked.
 */
int page_cache_kib(const char *path, unsigned long long *kib);

/**
 * @brief The copies of the file in memory: the page cache's, plus each worker's own.
 *
 * A worker's own copy is the anonymous memory of the entry that holds the
 * file: a read() buffer, or the pages a MAP_PRIVATE writer copied. Pages it
 * maps from the page cache are the cache's copy, counted once.
 * @param r A measured round with cache_known set.
 * @return (page cache KiB + the workers' anonymous KiB) / the file's KiB.
 */
double copies_in_memory(const struct round *r);

/**
 * @brief Run one round: start, wait for every note, (let the shared writer
 *        write), measure, print, (hold), then reap every worker started.
 * @param c The run's settings.
 * @param r mode, size and w set by the caller; the rest is filled in.
 * @return 0 on success; -1 if anything failed (reported on stderr).
 */
int run_round(const struct config *c, struct round *r);

#endif
