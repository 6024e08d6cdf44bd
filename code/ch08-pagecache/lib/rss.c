#include "rss.h"

#include "hugebuf.h"

#include <errno.h>

/* region: rss */
int mapping_rss_kib(const void *addr, size_t *kib)
{
    errno = 0;
    if (smaps_field(addr, "Rss", kib) == 0) /* hugebuf.h: the entry that holds addr */
        return 0;
    if (errno == 0)
        errno = ENOENT; /* smaps was read, but no mapping holds addr */
    return -1;
}
/* end region: rss */
