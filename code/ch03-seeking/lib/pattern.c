/* The article's seek pattern over bytes in memory. */
#include "pattern.h"

off_t pattern_limit(uint64_t size)
{
    return (off_t)(size - PATTERN_SLACK);
}

uint64_t pattern_iterations(uint64_t size)
{
    return (uint64_t)pattern_limit(size) / (STEP_FORWARD - STEP_BACK) + 1;
}

/* region: in-memory-loop */
/* The loop every in-memory variant runs: the same as the file versions,
 * with a pointer instead of a file position. */
uint64_t fold_pattern(const unsigned char *data, off_t limit, unsigned k)
{
    uint64_t sum = 0;
    off_t pos = 0;
    while (pos <= limit) {
        pos += STEP_FORWARD;
        sum = fold(sum, data + pos, k);
        pos -= STEP_BACK;
        sum = fold(sum, data + pos, k);
    }
    return sum;
}
/* end region: in-memory-loop */
