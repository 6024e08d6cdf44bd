#include "rss.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* region: rss */
int mapping_rss_kib(const void *addr, size_t *kib)
{
    FILE *f = fopen("/proc/self/smaps", "re");
    if (f == NULL)
        return -1;
    char line[512];
    int inside = 0, found = 0;
    while (!found && fgets(line, sizeof line, f) != NULL) {
        uintmax_t start, end, value;
        if (sscanf(line, "%" SCNxMAX "-%" SCNxMAX " ", &start, &end) == 2)
            inside = start == (uintmax_t)(uintptr_t)addr; /* a new entry begins */
        else if (inside && sscanf(line, "Rss: %" SCNuMAX " kB", &value) == 1) {
            *kib = (size_t)value;
            found = 1;
        }
    }
    fclose(f);
    if (!found)
        errno = ENOENT;
    return found ? 0 : -1;
}
/* end region: rss */
