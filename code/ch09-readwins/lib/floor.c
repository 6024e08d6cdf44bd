/* The floor's buffer (huge pages where the system gives them) and the size
 * of the memcpy limit's buffer. */

/* _GNU_SOURCE: MADV_HUGEPAGE and _SC_LEVEL3_CACHE_SIZE are Linux and glibc extensions. */
#define _GNU_SOURCE
#include "floor.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_PAGE ((size_t)2 << 20)

/* region: huge-buffer */
/* Map 2 MiB more than needed, keep the part that starts on a 2 MiB boundary
 * and unmap the rest: only an aligned 2 MiB range can be one huge page. */
int huge_buffer_alloc(struct huge_buffer *b, size_t size)
{
    *b = (struct huge_buffer){NULL, 0, 0};
    size_t length = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    unsigned char *raw = mmap(NULL, length + HUGE_PAGE, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
        return -1;
    uintptr_t at = ((uintptr_t)raw + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    unsigned char *data = (unsigned char *)at;
    size_t before = (size_t)(data - raw), after = HUGE_PAGE - before;
    if (before > 0)
        munmap(raw, before);
    if (after > 0)
        munmap(data + length, after);
    /* A request, not a promise: no error if the kernel has no huge pages. */
    madvise(data, length, MADV_HUGEPAGE);
    *b = (struct huge_buffer){data, size, length};
    return 0;
}
/* end region: huge-buffer */

void huge_buffer_free(struct huge_buffer *b)
{
    if (b->data != NULL)
        munmap(b->data, b->length);
    *b = (struct huge_buffer){NULL, 0, 0};
}

/* region: smaps */
/* /proc/self/smaps lists each mapping as a header line "start-end perms ..."
 * followed by its counters; AnonHugePages is how much of it is huge pages. */
long long huge_buffer_huge_bytes(const struct huge_buffer *b)
{
    FILE *f = fopen("/proc/self/smaps", "re");
    if (f == NULL)
        return -1;
    char line[512];
    uintptr_t want = (uintptr_t)b->data;
    int inside = 0;
    long long total = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        uintmax_t start, end;
        long long kb;
        if (sscanf(line, "%jx-%jx ", &start, &end) == 2)
            inside = start < want + b->length && end > want;
        else if (inside && sscanf(line, "AnonHugePages: %lld kB", &kb) == 1)
            total += kb * 1024;
    }
    fclose(f);
    return total;
}
/* end region: smaps */

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
