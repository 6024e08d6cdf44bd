/* The size of the memcpy limit's buffer; the floor's buffer is hugebuf.h's. */

/* _GNU_SOURCE: _SC_LEVEL3_CACHE_SIZE is a glibc extension. */
#define _GNU_SOURCE
#include "floor.h"

#include <unistd.h>

size_t limit_buffer_size(void)
{
    size_t size = (size_t)32 << 20;
#ifdef _SC_LEVEL3_CACHE_SIZE
    long llc = sysconf(_SC_LEVEL3_CACHE_SIZE);
    if (llc > 0 && (size_t)llc * 4 > size)
        size = (size_t)llc * 4;
#endif
    /* Some virtual machines report a last-level cache ten times the real one. */
    return size > ((size_t)64 << 20) ? (size_t)64 << 20 : size;
}
