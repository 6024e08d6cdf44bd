/** @file snapshots.h
 * @brief Residency captured while a scan runs: one row of page bits every K touched pages.
 * Each row is what mincore() said at one moment, together with how many
 * pages the scan had touched by then. Laid one under the other, the rows show
 * the page cache filling ahead of the scan (readahead) and, with some advice,
 * emptying behind it. All the memory is allocated before the scan begins, so
 * taking a snapshot makes one system call and nothing else.
 */
#ifndef CH08_SNAPSHOTS_H
#define CH08_SNAPSHOTS_H

#include <stddef.h>

/** The rows captured so far. */
struct snapshots {
    size_t pages;          /**< Pages per row: the file's size in pages. */
    size_t rows;           /**< Rows captured. */
    size_t capacity;       /**< Rows there is room for. */
    unsigned char *bits;   /**< rows x pages bytes, 1 for resident. */
    size_t *touched;       /**< Per row: pages touched when it was captured. */
    long *resident;        /**< Per row: resident pages. */
    const char **label;    /**< Per row: a note ("after advice"), or NULL. */
};

/**
 * @brief Make room for @p capacity rows of @p pages pages.
 * @param s Filled in.
 * @param pages Pages in the file.
 * @param capacity The most rows that will be taken; more are ignored.
 * @return 0 on success; -1 with errno set to ENOMEM.
 */
int snapshots_init(struct snapshots *s, size_t pages, size_t capacity);

/**
 * @brief Capture one row: the residency of [@p addr, @p addr + @p length) now.
 * Does nothing when every row is taken.
 * @param s The rows.
 * @param addr The mapping.
 * @param length Bytes mapped (covering @p s->pages pages).
 * @param touched Pages the scan has touched so far.
 * @param label A note for the row, or NULL; not copied (use a string literal).
 * @return 0 on success; -1 with errno set if mincore() failed.
 */
int snapshots_take(struct snapshots *s, const void *addr, size_t length, size_t touched,
                   const char *label);

/**
 * @brief Free the rows.
 * @param s The rows; zeroed afterwards.
 */
void snapshots_free(struct snapshots *s);

#endif
