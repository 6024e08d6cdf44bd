/** @file grow.h
 * @brief Make a file longer, two ways: ftruncate() (a hole) or fallocate() (blocks reserved).
 *
 * A mapping cannot make a file longer: a store past the end of the file is a
 * SIGBUS. So the file grows first, by a system call, and the stores follow.
 *
 * - ftruncate() sets the size and nothing else: the new bytes are a hole
 *   that reads as zeros. Blocks are found only when a page is first stored
 *   to, and on a full file system there are none: the store is a SIGBUS.
 * - fallocate() reserves the blocks as it sets the size, so a full file
 *   system answers ENOSPC here, from a system call, before any store.
 */
#ifndef CH06_GROW_H
#define CH06_GROW_H

#include <stdint.h>

/** How a file grows. */
enum grow_strategy {
    GROW_FTRUNCATE, /**< ftruncate(): size only, a sparse tail. */
    GROW_FALLOCATE  /**< fallocate(): size and blocks. */
};

/**
 * @brief The strategy named @p name ("ftruncate" or "fallocate").
 * @param name The name, as given to --grow.
 * @param out Where the strategy goes.
 * @return 0 on success; -1 if no strategy has that name.
 */
int grow_parse(const char *name, enum grow_strategy *out);

/**
 * @brief The name of a strategy, for messages and tables.
 * @param s The strategy.
 * @return "ftruncate" or "fallocate".
 */
const char *grow_name(enum grow_strategy s);

/**
 * @brief Grow the file from @p old_size to @p new_size bytes.
 * @param fd A descriptor open for writing.
 * @param s How.
 * @param old_size The file's size now.
 * @param new_size The size wanted, larger than @p old_size.
 * @return 0 on success; -1 with errno set (ENOSPC from fallocate() on a
 *         full file system, EOPNOTSUPP where a file system cannot reserve).
 */
int grow_file(int fd, enum grow_strategy s, uint64_t old_size, uint64_t new_size);

#endif
