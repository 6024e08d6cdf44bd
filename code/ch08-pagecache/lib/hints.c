/* madvise(), the MADV_* advice and MAP_POPULATE are not in POSIX;
 * _DEFAULT_SOURCE declares them. */
#define _DEFAULT_SOURCE
#include "hints.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

/* Headers from before Linux 5.14 lack the name; the kernel's value is 22.
 * An old kernel answers EINVAL, which populate_read() reports. */
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif

static const char *const advice_names[] = {
    [ADVISE_NORMAL] = "normal",     [ADVISE_SEQUENTIAL] = "sequential",
    [ADVISE_RANDOM] = "random",     [ADVISE_WILLNEED] = "willneed",
    [ADVISE_DONTNEED] = "dontneed",
};

static const char *const populate_names[] = {
    [POPULATE_NONE] = "none", [POPULATE_MAP] = "map", [POPULATE_MADVISE] = "madvise"};

int advice_parse(const char *text, enum advice *advice)
{
    for (size_t i = 0; i < sizeof advice_names / sizeof advice_names[0]; i++)
        if (strcmp(text, advice_names[i]) == 0) {
            *advice = (enum advice)i;
            return 0;
        }
    errno = EINVAL;
    return -1;
}

const char *advice_name(enum advice advice)
{
    return advice_names[advice];
}

int populate_parse(const char *text, enum populate *populate)
{
    for (size_t i = 0; i < sizeof populate_names / sizeof populate_names[0]; i++)
        if (strcmp(text, populate_names[i]) == 0) {
            *populate = (enum populate)i;
            return 0;
        }
    errno = EINVAL;
    return -1;
}

const char *populate_name(enum populate populate)
{
    return populate_names[populate];
}

/* region: advise */
int populate_map_flags(enum populate populate)
{
    return populate == POPULATE_MAP ? MAP_POPULATE : 0;
}

int advise(void *addr, size_t length, enum advice advice)
{
    static const int madv[] = {
        [ADVISE_NORMAL] = MADV_NORMAL,     [ADVISE_SEQUENTIAL] = MADV_SEQUENTIAL,
        [ADVISE_RANDOM] = MADV_RANDOM,     [ADVISE_WILLNEED] = MADV_WILLNEED,
        [ADVISE_DONTNEED] = MADV_DONTNEED,
    };
    return madvise(addr, length, madv[advice]);
}

int populate_read(void *addr, size_t length)
{
    return madvise(addr, length, MADV_POPULATE_READ);
}
/* end region: advise */
