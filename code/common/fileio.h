/** @file fileio.h
 * @brief Read a file with plain system calls, never through a mapping.
 *
 * A program that changes a file through a mapping proves the change reached
 * the file by reading it back another way: with pread() on a descriptor.
 * pread() may return fewer bytes than asked, and a signal may interrupt it,
 * so one call is not enough; pread_full() loops until it has them all.
 */
#ifndef MMF_FILEIO_H
#define MMF_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/**
 * @brief Read exactly @p n bytes at @p offset, retrying short reads and EINTR.
 *
 * The file position is not moved, so this can be mixed freely with a mapping
 * or with other reads on the same descriptor.
 * @param fd A descriptor open for reading.
 * @param buf Where the bytes go.
 * @param n How many bytes to read.
 * @param offset Where in the file to start.
 * @return The number of bytes read: @p n, or fewer if the file ends first;
 *         -1 with errno set if pread() failed.
 */
ssize_t pread_full(int fd, void *buf, size_t n, off_t offset);

#endif
