/** @file reserve.h
 * @brief Exercise 6.1: append to a file through a mapping, its blocks reserved first.
 *
 * A store into a hole of a sparse file on a full disk is a SIGBUS. Reserving
 * the blocks with posix_fallocate() before mapping turns a full disk into an
 * ENOSPC from a call, before anything is stored.
 */
#ifndef EX_RESERVE_H
#define EX_RESERVE_H

#include <stddef.h>

/**
 * @brief Append @p n bytes to the file open as @p fd, through a shared mapping.
 *
 * Grows the file by @p n bytes with posix_fallocate(), maps it whole
 * (PROT_READ|PROT_WRITE, MAP_SHARED), copies the bytes to the old end,
 * msync()s them with MS_SYNC and unmaps.
 * @param fd A descriptor of a regular file, open for reading and writing.
 * @param bytes The bytes to append.
 * @param n How many; 0 appends nothing and succeeds.
 * @return 0 on success; -1 with errno set: the error number posix_fallocate()
 *         returned (ENOSPC on a full disk), leaving the file as it was; or the
 *         errno of fstat(), mmap(), msync() or munmap().
 */
int append_reserved(int fd, const void *bytes, size_t n);

#endif
