/** @file pattern.h
 * @brief The article's seek pattern, and the fold that "processes" each step.
 *
 * The pattern: seek 64 bytes forward and process, seek 32 back and process,
 * until the position passes the end of the region. Every variant of the
 * benchmark visits exactly these steps and folds their bytes into one
 * checksum, so they can be checked against each other.
 */
#ifndef CH03_PATTERN_H
#define CH03_PATTERN_H

#include <stdint.h>
#include <sys/types.h>

/* region: pattern-constants */
/* The article's pattern: seek +64 and process, seek -32 and process, until
 * the position passes the end of the region. Each step processes K bytes. */
enum { STEP_FORWARD = 64, STEP_BACK = 32, MAX_BYTES = 32 };
/* end region: pattern-constants */

/** Bytes past the limit that the last steps read: the smallest region there is. */
#define PATTERN_SLACK ((uint64_t)STEP_FORWARD + MAX_BYTES)

/* region: fold */
/* "Process the data": fold K bytes into the checksum. The weights make the
 * checksum depend on every byte and on the order of the steps, so a variant
 * that reads the wrong bytes, or skips a step, cannot agree by accident. */
static inline uint32_t weigh(const unsigned char *bytes, unsigned k)
{
    uint32_t step = 0; /* 32 * 255 * 32 cannot overflow it */
    for (unsigned i = 0; i < k; i++)
        step += (uint32_t)bytes[i] * (i + 1);
    return step;
}

static inline uint64_t fold(uint64_t sum, const unsigned char *bytes, unsigned k)
{
    /* With K fixed at the default, the loop's length is known when compiling
     * and it becomes a few vector instructions: the work stays small beside
     * the access it is there to keep honest. */
    uint32_t step = k == 32 ? weigh(bytes, 32) : weigh(bytes, k);
    return (sum ^ step) * 0x100000001b3u; /* the FNV-1a prime */
}
/* end region: fold */

/**
 * @brief The last position the pattern's loop accepts, for a region of @p size bytes.
 * @param size Bytes in the region, at least PATTERN_SLACK.
 * @return The limit: the loop runs while the position is at most this.
 */
off_t pattern_limit(uint64_t size);

/**
 * @brief How many iterations (two steps each) the pattern makes over @p size bytes.
 * @param size Bytes in the region, at least PATTERN_SLACK.
 * @return The number of iterations.
 */
uint64_t pattern_iterations(uint64_t size);

/**
 * @brief Run the pattern over bytes in memory and fold every step's K bytes.
 * @param data The region's first byte; it must hold limit + PATTERN_SLACK bytes.
 * @param limit The loop runs while the position is at most this (pattern_limit()).
 * @param k Bytes folded per step, 1 to MAX_BYTES.
 * @return The checksum.
 */
uint64_t fold_pattern(const unsigned char *data, off_t limit, unsigned k);

#endif
