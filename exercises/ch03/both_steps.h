/** @file both_steps.h
 * @brief Exercise 3.2: the article's seek pattern with one preadv() per iteration, where
 *        the `pread` variant makes two pread() calls.
 */
#ifndef EX_BOTH_STEPS_H
#define EX_BOTH_STEPS_H

#include <stdint.h>
#include <sys/types.h>

/**
 * @brief Fold one step's @p k bytes into the checksum: seekbench's fold, so that
 *        a reader that gets a byte wrong, or the steps in the wrong order, disagrees.
 * @param sum The checksum so far.
 * @param bytes The step's bytes.
 * @param k How many.
 * @return The new checksum.
 */
static inline uint64_t step_fold(uint64_t sum, const unsigned char *bytes, unsigned k)
{
    uint32_t step = 0;
    for (unsigned i = 0; i < k; i++)
        step += (uint32_t)bytes[i] * (i + 1);
    return (sum ^ step) * 0x100000001b3u;
}

/**
 * @brief Run the article's pattern over @p fd with one preadv() per iteration.
 *
 * Starting at pos = 0, while pos <= @p limit: pos += 64 and fold the @p k bytes
 * at pos (step A); pos -= 32 and fold the @p k bytes at pos (step B). The two
 * steps' bytes lie 32 bytes apart in the file, B first, so one preadv() at
 * B's offset can scatter them into two buffers (and any bytes between them
 * into a third). No lseek(), read() or pread().
 * @param fd A readable regular file.
 * @param limit The last position an iteration may start from (>= 0).
 * @param k Bytes per step, 1 to 32.
 * @param sum Where the checksum goes: step_fold() of A, then of B, each iteration.
 * @return 0 on success; -1 with errno set: EINVAL for a @p k outside 1..32 or a
 *         negative @p limit (before any call), ENODATA if the file ends before
 *         limit + 64 + k, or preadv()'s own errno.
 */
int both_steps(int fd, off_t limit, unsigned k, uint64_t *sum);

#endif
