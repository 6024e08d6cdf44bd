/** @file scan.h
 * @brief One measured scan: map a file, give advice, touch every page in an order, count.
 * The scan reads one byte of every page exactly once, through guard_run(), so
 * a file cut short while it runs ends the scan with an error, not a SIGBUS.
 * It reports what the kernel counted (major and minor faults from
 * getrusage()), what mincore() saw before, during and after, and the time.
 */
#ifndef CH08_SCAN_H
#define CH08_SCAN_H

#include "faults.h"
#include "hints.h"
#include "order.h"
#include "snapshots.h"

#include <stddef.h>
#include <stdint.h>

/** What to do. */
struct scan_options {
    struct order order;     /**< The order of the touches. */
    enum advice advice;     /**< The madvise() advice. */
    enum populate populate; /**< How to populate before the touches. */
    int cold;               /**< Evict the file first, and check that it worked. */
    size_t every;           /**< A snapshot every this many touched pages (0: 1/16 of the file). */
    uint64_t seed;          /**< The random order's seed. */
    unsigned wait_ms;       /**< Wait this long after the advice, before the touches,
                                 with a snapshot every quarter of it. */
};

/** How a scan ended. */
enum scan_status {
    SCAN_DONE,          /**< Every page touched. */
    SCAN_FAILED,        /**< A system call failed: see failed_call and errno. */
    SCAN_NOT_EVICTED,   /**< --cold, but pages stayed resident (tmpfs, /dev/shm). */
    SCAN_UNCHECKABLE,   /**< --cold, but mincore() cannot tell this user the truth. */
    SCAN_SHRANK         /**< The file shrank under the mapping: see fault_page. */
};

/** What a scan measured. */
struct scan_result {
    enum scan_status status;  /**< How it ended. */
    const char *failed_call;  /**< The call that failed, for SCAN_FAILED. */
    size_t pages;             /**< Pages in the file. */
    size_t touched;           /**< Pages touched. */
    size_t fault_page;        /**< The page that could not be read, for SCAN_SHRANK. */
    struct faults faults;     /**< Faults from mmap() to the last touch. */
    double ms;                /**< Milliseconds from mmap() to the last touch, less the wait. */
    int known;                /**< 1 if mincore() tells this process the truth. */
    long resident_before;     /**< Resident pages before mmap(), or after eviction; -1 unknown. */
    long resident_after;      /**< Resident pages at the end; -1 unknown. */
    int populate_skipped;     /**< MADV_POPULATE_READ is unknown to this kernel (EINVAL). */
    long advised_resident;    /**< Resident pages right after the advice, before any touch. */
    struct faults advised_faults; /**< Faults from mmap() to that moment. */
    size_t rss_before_kib;    /**< For dontneed: the mapping's Rss before the advice. */
    size_t rss_after_kib;     /**< For dontneed: and after. */
};

/**
 * @brief Scan the file open on @p fd as @p o says, capturing rows into @p snaps.
 * @param fd An open descriptor of a regular, non-empty file.
 * @param size The file's size in bytes.
 * @param o What to do.
 * @param snaps Rows go here (initialized by the scan; free with snapshots_free()).
 * @param r What was measured; r->status says how it ended.
 * @return 0 if every page was touched; -1 otherwise (r->status says why,
 *         errno is set for SCAN_FAILED).
 */
int scan_file(int fd, size_t size, const struct scan_options *o, struct snapshots *snaps,
              struct scan_result *r);

/**
 * @brief The cache state before the scan, as one word: cold, warm, partial or unknown.
 * @param r A scan's result.
 * @return "cold" (no page resident), "warm" (all), "partial" or "unknown".
 */
const char *scan_cache_state(const struct scan_result *r);

#endif
