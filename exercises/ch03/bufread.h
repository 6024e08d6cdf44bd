/** @file bufread.h
 * @brief Exercise 3.1: a read buffer that makes seeking free, which stdio's is not.
 *
 * A struct bufread holds one window of a file. A read that falls inside the
 * window is a memcpy; only a read outside it costs a system call (pread).
 */
#ifndef EX_BUFREAD_H
#define EX_BUFREAD_H

#include <stddef.h>
#include <sys/types.h>

/** One window of a file, kept in memory. */
struct bufread {
    int fd;             /**< The file, read with pread() only (its offset is never used). */
    unsigned char *buf; /**< The window's bytes: cap bytes allocated. */
    size_t cap;         /**< The window's capacity. */
    off_t start;        /**< File offset of buf[0]. */
    size_t len;         /**< Valid bytes in buf; 0 when the window is empty. */
};

/**
 * @brief Set up an empty window of @p cap bytes over @p fd.
 * @param br The reader to initialise.
 * @param fd An open, readable file descriptor.
 * @param cap The window's size in bytes (at least 1).
 * @return 0 on success; -1 with errno set (EINVAL for cap 0, ENOMEM).
 */
int bufread_init(struct bufread *br, int fd, size_t cap);

/**
 * @brief Copy the @p n bytes at file offset @p pos into @p out.
 *
 * Served from the window when [pos, pos + n) lies inside it; otherwise the
 * window is refilled with pread() first.
 * @param br The reader.
 * @param pos The file offset of the first byte (>= 0).
 * @param out Where the bytes go.
 * @param n How many (1 to br->cap).
 * @return 0 on success; -1 with errno set: EINVAL for a bad @p n or @p pos,
 * ENODATA if the file ends before pos + n, or pread()'s errno.
 */
int bufread_at(struct bufread *br, off_t pos, unsigned char *out, size_t n);

/**
 * @brief Free the window (the descriptor stays open).
 * @param br The reader; safe to call twice.
 */
void bufread_free(struct bufread *br);

#endif
