/** @file readahead.h
 * @brief How much a first touch of a cold file brings into the page cache, through mmap() and through read().
 * The file is evicted, one byte of it is read (by touching a mapping, or by a
 * read() of one page), and mincore() counts the pages then resident: what the
 * kernel read ahead, or around, on its own initiative.
 */
#ifndef CH09_READAHEAD_H
#define CH09_READAHEAD_H

#include <stddef.h>
#include <stdint.h>

/** How the first byte is read. */
enum first_touch {
    TOUCH_MMAP,            /**< Load byte 0 of a fresh mapping. */
    TOUCH_MMAP_SEQUENTIAL, /**< The same, after madvise(MADV_SEQUENTIAL). */
    TOUCH_READ,            /**< read() of one page (or the whole file, if smaller) at offset 0. */
};

/**
 * @brief Evict the file, read its first byte as @p how says, and count the resident pages.
 * @param fd The file, open read-only.
 * @param size Its size, at least 1 byte.
 * @param how The way of reading.
 * @param pages Where the count goes; (size_t)-1 if mincore() cannot be trusted
 *        for this file (residency.h) or eviction was refused.
 * @return 0 on success (including an unknown count); -1 with errno set if a
 *         call failed (EFAULT: the file shrank under the mapping).
 */
int probe_readahead(int fd, uint64_t size, enum first_touch how, size_t *pages);

#endif
