/** @file floor.h
 * @brief The two yardsticks a scan is measured against: the same fold over memory, and memcpy.
 * A file scan can be no faster than folding the same bytes when they are
 * already in memory (the floor), and that can be no faster than the memory
 * bus allows (the limit, measured as memcpy() bandwidth over a buffer larger
 * than the caches). The floor's buffer asks for huge pages, because with
 * 4 KiB pages the TLB misses of the loop itself would cost more than a file
 * mapping's do, and the floor would not be one; the page size actually
 * obtained is read back from /proc/self/smaps and printed.
 */
#ifndef CH09_FLOOR_H
#define CH09_FLOOR_H

#include <stddef.h>

/** A buffer aligned to 2 MiB, with huge pages asked for. */
struct huge_buffer {
    unsigned char *data; /**< The first byte, 2 MiB-aligned; NULL if none. */
    size_t size;         /**< Bytes the caller asked for. */
    size_t length;       /**< Bytes mapped: size rounded up to 2 MiB. */
};

/**
 * @brief Map an anonymous buffer of @p size bytes at a 2 MiB boundary and ask for huge pages.
 * MADV_HUGEPAGE is a request: the kernel gives huge pages when transparent
 * huge pages are enabled and it has them, otherwise 4 KiB pages.
 * @param b Filled in on success; zeroed on failure.
 * @param size Bytes needed; at least 1.
 * @return 0 on success; -1 with errno set if mmap() failed.
 */
int huge_buffer_alloc(struct huge_buffer *b, size_t size);

/**
 * @brief Unmap a buffer from huge_buffer_alloc(); harmless on a zeroed one.
 * @param b The buffer; zeroed afterwards.
 */
void huge_buffer_free(struct huge_buffer *b);

/**
 * @brief How many bytes of a buffer sit in huge pages, from AnonHugePages in /proc/self/smaps.
 * Call it after the buffer has been written (pages exist only once touched).
 * @param b The buffer.
 * @return Bytes in huge pages (0 if none); -1 if /proc/self/smaps could not be read.
 */
long long huge_buffer_huge_bytes(const struct huge_buffer *b);

/**
 * @brief The size of buffer that memcpy() bandwidth is measured over: larger than the caches.
 * @return Four times the last-level cache where glibc knows it, kept between 32 and 64 MiB.
 */
size_t limit_buffer_size(void);

#endif
