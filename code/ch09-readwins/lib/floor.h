/** @file floor.h
 * @brief The three yardsticks a scan is measured against: the same fold over memory in huge pages and in 4 KiB pages, and memcpy.
 * A file scan can be no faster than folding the same bytes when they are
 * already in memory (the floor, `memory`), and that can be no faster than the
 * memory bus allows (the limit, `memcpy`, measured as memcpy() bandwidth over
 * a buffer larger than the caches). The floor's buffer asks for huge pages
 * (hugebuf.h, from chapter 3), because with 4 KiB pages the TLB misses of the
 * loop itself would cost more than a file mapping's do, and the floor would
 * not be one; the page size actually obtained is read back from
 * /proc/self/smaps and printed. The third yardstick, `memory_4k`, folds a copy
 * that refuses huge pages, to show what those TLB misses cost.
 */
#ifndef CH09_FLOOR_H
#define CH09_FLOOR_H

#include "hugebuf.h"

#include <stddef.h>

/**
 * @brief The size of buffer that memcpy() bandwidth is measured over: larger than the caches.
 * @return Four times the last-level cache where glibc knows it, kept between 32 and 64 MiB.
 */
size_t limit_buffer_size(void);

#endif
