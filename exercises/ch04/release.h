/** @file release.h
 * @brief Exercise 4.2: give back a shared mapping's pages while the page cache keeps
 *        them, and count the cache only where mincore() tells the truth.
 */
#ifndef EX_RELEASE_H
#define EX_RELEASE_H

#include <stddef.h>

/**
 * @brief Drop this process's pages of part of a MAP_SHARED mapping, with
 *        madvise(MADV_DONTNEED): its Rss and Pss fall, the page cache keeps the
 *        pages, and the next read of the range maps them again from the cache.
 *
 * Refused for a private mapping, where MADV_DONTNEED would throw away the
 * process's own changes (a file's private pages read back from the file, an
 * anonymous mapping's as zeros).
 * @param addr The first byte: page-aligned.
 * @param length How many bytes, more than 0; a partial last page counts whole.
 * @return 0 on success; -1 with errno set: EINVAL for an unaligned @p addr, a
 *         @p length of 0, or a range in a private mapping; ENOMEM if any of the
 *         range lies outside every mapping or spans more than one; or
 *         madvise()'s own errno. Nothing is released when it fails.
 */
int release_pages(void *addr, size_t length);

/** What the page cache holds of one file, as far as this process may know. */
struct cache_count {
    size_t pages;  /**< The file's size in pages; a partial last page counts. */
    size_t cached; /**< How many of them are in the page cache; 0 when not known. */
    int known;     /**< 1 if mincore() answers this process truthfully, 0 if not. */
};

/**
 * @brief Count a file's pages in the page cache with mincore(), without reading the
 *        file or touching a page of the mapping made to ask.
 *
 * mincore() reports every page resident to a process that neither owns the
 * file nor may write it (so that it cannot spy on what others read). For such
 * a file the count is unknown: set known to 0, cached to 0, and return 0.
 * @param path The file: regular and not empty.
 * @param out Filled in on success; zeroed on failure.
 * @return 0 on success; -1 with errno set: EINVAL for an empty file or one that
 *         is not regular, or the errno of open(), fstat(), mmap() or mincore().
 *         Nothing stays mapped or open.
 */
int count_cached(const char *path, struct cache_count *out);

#endif
