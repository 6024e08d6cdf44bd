/** @file reverse.h
 * @brief Exercise 2.1: reverse a range of a file's bytes in place, through a shared mapping.
 */
#ifndef EX_REVERSE_H
#define EX_REVERSE_H

#include <stdint.h>

/**
 * @brief Reverse the bytes [@p start, @p end) of a file in place, through a
 * MAP_SHARED mapping, and make the change durable with msync(MS_SYNC).
 *
 * The range is checked before anything is mapped: an empty or reversed range,
 * or one that runs past the end of the file, is refused and the file is left
 * as it was. Every descriptor and mapping is released on every path.
 * @param path The file.
 * @param start The first byte of the range.
 * @param end One past the last byte of the range.
 * @return 0 on success; -1 with errno set on failure: EINVAL for a bad range,
 *         otherwise the errno of the call that failed (open, fstat, mmap, msync, munmap).
 */
int reverse_range(const char *path, uint64_t start, uint64_t end);

#endif
