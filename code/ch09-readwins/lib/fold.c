/* The checksum's loop, written so that the compiler can vectorise it. */
#include "fold.h"

#include <string.h>

/* Spreads an index over all 64 bits (the golden ratio, as a 64-bit odd number). */
#define SPREAD 0x9e3779b97f4a7c15u

/* region: fold */
/* Four independent sums, so that no addition waits for the one before it;
 * memcpy() is how C loads 8 bytes from any address (it compiles to one
 * load). The compiler turns the loop into vector instructions. */
uint64_t fold(const unsigned char *bytes, size_t n, uint64_t offset)
{
    uint64_t index = offset / 8, sum[4] = {0, 0, 0, 0};
    size_t words = n / 8, i = 0;
    for (; i + 4 <= words; i += 4) {
        for (unsigned lane = 0; lane < 4; lane++) {
            uint64_t w;
            memcpy(&w, bytes + 8 * (i + lane), 8);
            sum[lane] += w ^ (index + i + lane) * SPREAD;
        }
    }
    uint64_t total = sum[0] + sum[1] + sum[2] + sum[3];
    for (; i < words; i++) {
        uint64_t w;
        memcpy(&w, bytes + 8 * i, 8);
        total += w ^ (index + i) * SPREAD;
    }
    if (n % 8 != 0) {
        uint64_t w = 0; /* the last partial word, padded with zeros */
        memcpy(&w, bytes + 8 * words, n % 8);
        total += w ^ (index + words) * SPREAD;
    }
    return total;
}
/* end region: fold */
