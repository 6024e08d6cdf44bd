/** @file rss.h
 * @brief How much of one mapping is mapped into this process (its Rss), from /proc/self/smaps.
 * mincore() answers for the page cache; Rss answers for this process's page
 * tables. The two differ after MADV_DONTNEED on a shared file mapping: the
 * process lets go of its pages, the cache keeps them.
 */
#ifndef CH08_RSS_H
#define CH08_RSS_H

#include <stddef.h>

/**
 * @brief The Rss of the mapping that holds @p addr, in KiB: smaps_field() (hugebuf.h) for "Rss".
 * @param addr An address inside the mapping, such as the first byte mmap() returned.
 * @param kib Where the figure goes.
 * @return 0 on success; -1 with errno set (ENOENT if no mapping holds @p addr).
 */
int mapping_rss_kib(const void *addr, size_t *kib);

#endif
