/** @file follow.h
 * @brief Exercise 6.2: follow a growing file through a mapping, like `tail -f`.
 *
 * A mapping keeps the length it was given. To read what a writer appends, a
 * follower looks at the file's size, makes its mapping cover the new size and
 * hands back the bytes it has not handed back before.
 */
#ifndef EX_FOLLOW_H
#define EX_FOLLOW_H

#include <stddef.h>
#include <sys/types.h>

/** A reader following one file. */
struct follower {
    int fd;                    /**< The file, open for reading. */
    const unsigned char *data; /**< The read-only shared mapping; NULL while nothing is mapped. */
    size_t length;             /**< Bytes mapped. */
    size_t next;               /**< Offset of the first byte not yet handed back. */
};

/**
 * @brief Start following @p fd from its first byte; maps nothing yet.
 * @param f Filled in.
 * @param fd A descriptor of a regular file, open for reading.
 */
void follow_open(struct follower *f, int fd);

/**
 * @brief Hand back the bytes the file gained since the last call.
 *
 * fstat()s the file; if it grew, extends or remakes the mapping to cover its
 * new size. The bytes stay valid until the next call.
 * @param f The follower.
 * @param out Where a pointer to the new bytes goes (into the mapping); NULL when there are none.
 * @return How many new bytes (0 if none); -1 with errno set if fstat(),
 *         mmap() or mremap() failed.
 */
ssize_t follow_poll(struct follower *f, const unsigned char **out);

/**
 * @brief Stop following: unmap; the descriptor is the caller's to close.
 * @param f The follower; zeroed afterwards, with fd -1.
 */
void follow_close(struct follower *f);

#endif
