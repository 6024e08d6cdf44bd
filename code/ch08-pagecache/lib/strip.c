/* mincore() is not in POSIX; _DEFAULT_SOURCE declares it. */
#define _DEFAULT_SOURCE
#include "strip.h"

#include "mapping.h"

#include <sys/mman.h>

/* region: capture */
long residency_capture(const void *addr, size_t length, unsigned char *vec)
{
    if (mincore((void *)addr, length, vec) != 0)
        return -1;
    size_t pages = (length + page_size() - 1) / page_size();
    long resident = 0;
    for (size_t i = 0; i < pages; i++) {
        vec[i] &= 1; /* the other bits are reserved */
        resident += vec[i];
    }
    return resident;
}
/* end region: capture */

size_t strip_pages_per_cell(size_t pages, size_t width)
{
    if (width == 0)
        width = 1;
    size_t per = (pages + width - 1) / width;
    return per > 0 ? per : 1;
}

void strip_print(FILE *out, const unsigned char *vec, size_t pages, size_t width)
{
    size_t per = strip_pages_per_cell(pages, width);
    fputc('|', out);
    for (size_t first = 0; first < pages; first += per) {
        size_t n = pages - first < per ? pages - first : per, in = 0;
        for (size_t i = first; i < first + n; i++)
            in += vec[i];
        fputc(in == n ? '#' : in > 0 ? '+' : '.', out);
    }
    fputs("|\n", out);
}
