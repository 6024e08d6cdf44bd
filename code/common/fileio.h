/** @file fileio.h
 * @brief Plain reads and writes, done whole: the loops every careful program needs.
 *
 * read(), write() and pread() may move fewer bytes than asked, and a signal
 * may interrupt them with EINTR, so one call is not enough. These loop until
 * the job is done, the file ends, or a real error stops them.
 *
 * A program that changes a file through a mapping proves the change reached
 * the file by reading it back another way: with pread() on a descriptor.
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

/**
 * @brief Read exactly @p n bytes from the current position, retrying short reads and EINTR.
 * @param fd A descriptor open for reading: a file, a pipe, a socket.
 * @param buf Where the bytes go.
 * @param n How many bytes to read.
 * @return The number of bytes read: @p n, or fewer if the input ends first;
 *         -1 with errno set if read() failed.
 */
ssize_t read_full(int fd, void *buf, size_t n);

/**
 * @brief Write all @p n bytes, retrying short writes and EINTR.
 * @param fd A descriptor open for writing.
 * @param buf The bytes.
 * @param n How many bytes to write.
 * @return 0 when every byte was written; -1 with errno set if write() failed.
 */
int write_full(int fd, const void *buf, size_t n);

#endif
