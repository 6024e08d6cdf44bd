/** @file cold.h
 * @brief Empty the page cache of one file before a run, and check that it worked.
 *
 * `seekbench --cold` evicts its file before every run: fsync() writes back
 * anything dirty, posix_fadvise(POSIX_FADV_DONTNEED) drops the clean pages,
 * and mincore() counts what is still resident. A run that started with
 * pages resident is not cold, and the report says so.
 */
#ifndef CH03_COLD_H
#define CH03_COLD_H

#include <stdint.h>

/**
 * @brief How many of a file's first @p size bytes' pages are in the page cache.
 * @param fd The file, open for reading.
 * @param size Bytes to look at (more than 0).
 * @return The number of resident pages, or -1 with errno set if the question
 *         cannot be asked (the file cannot be mapped, or mincore() failed).
 */
long resident_pages(int fd, uint64_t size);

/**
 * @brief Drop a file from the page cache: fsync(), then POSIX_FADV_DONTNEED.
 * @param fd The file, open for reading.
 * @param size Bytes of it to check afterwards.
 * @return The pages still resident afterwards (0 when it worked), or -1 with
 *         errno set if eviction or the check failed.
 */
long evict(int fd, uint64_t size);

/** What --cold found before the runs: the worst case is what matters. */
struct cold_report {
    int refused;        /**< eviction or its check failed outright this many times */
    int errnum;         /**< why, the last time */
    int dirty_runs;     /**< runs that started with pages still resident */
    long most_resident; /**< the most pages resident before a run */
};

/**
 * @brief Evict the file before a run and record in @p c how well it went.
 * @param fd The file.
 * @param size Bytes the benchmark covers.
 * @param c The report to update.
 */
void prepare_cold(int fd, uint64_t size, struct cold_report *c);

/**
 * @brief Whether every run started cold.
 * @param c The report after all the runs.
 * @return 1 if no eviction was refused and no run started with a page resident.
 */
int cold_achieved(const struct cold_report *c);

#endif
