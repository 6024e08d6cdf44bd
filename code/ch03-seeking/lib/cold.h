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
 * @return 0, or -1 with errno set if either call failed.
 */
int evict(int fd);

/** What --cold found before the runs: the worst case is what matters. */
struct cold_report {
    int refused;        /**< eviction or its check failed outright this many times */
    int errnum;         /**< why, the last time */
    int dirty_runs;     /**< runs that started with pages still resident */
    int unknown_runs;   /**< runs after which mincore() could not be trusted (residency_known()) */
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
 * @brief Whether every run started cold, as far as can be known.
 * @param c The report after all the runs.
 * @return 1 if no eviction was refused and no run started with a page known
 *         to be resident (runs whose residency is unknown count as cold: the
 *         eviction was accepted, and the report says the count is unknown).
 */
int cold_achieved(const struct cold_report *c);

/**
 * @brief Whether this machine is a virtual machine, whose host may cache its disk.
 * @return 1 if /proc/cpuinfo shows the hypervisor flag, 0 if it shows flags
 *         without it, -1 if it cannot tell.
 */
int in_virtual_machine(void);

#endif
