/** @file evict.h
 * @brief Exercise 3.2: empty a file's pages from the page cache, and prove it with mincore().
 */
#ifndef EX_EVICT_H
#define EX_EVICT_H

#include <stddef.h>

/**
 * @brief Count how many of a file's pages are in the page cache.
 *
 * Maps the first @p size bytes read-only (which reads nothing), asks
 * mincore(), and unmaps them again.
 * @param fd An open, readable descriptor of a regular file.
 * @param size How many bytes of the file to look at; 0 gives 0 at once.
 * @return The number of resident pages; -1 with errno set if mmap(), mincore()
 * or memory allocation failed.
 */
long resident_pages(int fd, size_t size);

/**
 * @brief Ask the kernel to drop a file's pages from the page cache.
 *
 * Dirty pages cannot be dropped, so write them back first (fsync()), then
 * advise POSIX_FADV_DONTNEED for the whole file.
 * @param fd An open descriptor of a regular file.
 * @return 0 on success; -1 with errno set if either call failed.
 */
int evict_file(int fd);

#endif
