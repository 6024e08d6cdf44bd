/** @file map_range.h
 * @brief Exercise 5.1: map any byte range of a file, whatever its offset.
 *
 * mmap() wants an offset that is a multiple of the page size. These functions
 * map the whole pages that cover a range and hand back a pointer to the first
 * byte asked for.
 */
#ifndef EX_MAP_RANGE_H
#define EX_MAP_RANGE_H

#include <stddef.h>
#include <sys/types.h>

/** A byte range of a file, mapped read-only. */
struct range_map {
    const unsigned char *data; /**< The first byte of the range asked for. */
    size_t length;             /**< Bytes in the range asked for. */
    void *base;                /**< What mmap() returned: a page boundary. */
    size_t base_length;        /**< The length passed to mmap(), for munmap(). */
};

/**
 * @brief Map bytes [@p offset, @p offset + @p length) of a regular file, read-only.
 * @param fd A descriptor open for reading.
 * @param offset The first byte, any value from 0 (need not be page-aligned).
 * @param length How many bytes; at least 1.
 * @param rm Filled in on success; zeroed on failure.
 * @return 0 on success; -1 with errno set: EINVAL for a negative offset or a
 *         length of 0, ENODEV if @p fd is not a regular file, ERANGE if the
 *         range runs past the end of the file, or the errno of fstat()/mmap().
 */
int map_range(int fd, off_t offset, size_t length, struct range_map *rm);

/**
 * @brief Unmap a range mapped by map_range(); harmless on a zeroed struct.
 * @param rm The mapping; zeroed afterwards.
 * @return 0 on success; -1 with errno set if munmap() failed.
 */
int unmap_range(struct range_map *rm);

#endif
