/** @file prefetch.h
 * @brief Exercise 8.2: keep a window of a mapped file read ahead of a reader, and let go behind it.
 */
#ifndef EX_PREFETCH_H
#define EX_PREFETCH_H

#include <stddef.h>

/**
 * @brief Move the prefetch window to a reader now at byte @p pos of a mapping.
 * Advises MADV_WILLNEED for the whole pages overlapping [@p pos, @p pos + @p window)
 * (clipped to the mapping), and MADV_DONTNEED for the whole pages that end at
 * or before @p pos - @p window: the reader is done with them.
 * @param map The mapping's first byte (page-aligned), a shared file mapping.
 * @param length Bytes mapped.
 * @param pos The reader's position, from 0 to @p length - 1.
 * @param window Bytes to keep ahead, and behind; at least 1.
 * @return 0 on success; -1 with errno set: EINVAL if @p pos is not inside the
 *         mapping or @p window is 0, or the error of madvise().
 */
int prefetch_window(void *map, size_t length, size_t pos, size_t window);

#endif
