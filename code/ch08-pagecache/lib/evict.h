/** @file evict.h
 * @brief Make a file cold: write it back, ask the kernel to drop its pages, and check.
 * posix_fadvise(POSIX_FADV_DONTNEED) drops the clean pages of a file from the
 * page cache; dirty pages are skipped, so fsync() comes first. The advice is
 * only advice: a file system that keeps files in memory (tmpfs, /dev/shm)
 * has nowhere to drop them to, and still answers 0. So the result is checked
 * with mincore() before anyone calls the file cold.
 */
#ifndef CH08_EVICT_H
#define CH08_EVICT_H

#include <stddef.h>

/**
 * @brief Evict a file's pages and count how many are still resident.
 * @param fd An open descriptor of the file.
 * @param map A mapping of the whole file (not touched; only asked with mincore()).
 * @param length Bytes mapped.
 * @param vec Scratch space, one byte per page.
 * @param left Where the number of pages still resident goes.
 * @return 0 if fsync(), posix_fadvise() and mincore() succeeded (check @p left:
 *         0 means cold); -1 with errno set if one failed.
 */
int evict_pages(int fd, const void *map, size_t length, unsigned char *vec, size_t *left);

#endif
