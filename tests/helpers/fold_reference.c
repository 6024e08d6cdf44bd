#include "fold_reference.h"

uint64_t fold_reference(const unsigned char *d, size_t size)
{
    uint64_t sum = 0;
    for (size_t i = 0; i * 8 < size; i++) {
        uint64_t w = 0;
        for (size_t b = 0; b < 8 && i * 8 + b < size; b++)
            w |= (uint64_t)d[i * 8 + b] << (8 * b);
        sum += w ^ (uint64_t)i * 0x9e3779b97f4a7c15u;
    }
    return sum;
}
