/* mincore() is not in POSIX; _DEFAULT_SOURCE declares it. */
#define _DEFAULT_SOURCE
#include "residency.h"

#include "mapping.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* region: count-resident */
int count_resident(const void *addr, size_t length, size_t *resident)
{
    size_t pages = (length + page_size() - 1) / page_size();
    unsigned char *vec = malloc(pages > 0 ? pages : 1);
    if (vec == NULL)
        return -1;
    if (mincore((void *)addr, length, vec) != 0) {
        int err = errno;
        free(vec);
        errno = err;
        return -1;
    }
    size_t count = 0;
    for (size_t i = 0; i < pages; i++)
        count += vec[i] & 1; /* the other bits are reserved */
    free(vec);
    *resident = count;
    return 0;
}
/* end region: count-resident */

int residency_known(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -1;
    if (st.st_uid == geteuid() || geteuid() == 0)
        return 1;
    /* Could we open it for writing? Ask about the file itself, through the
     * descriptor's /proc link, with the effective IDs the kernel will use. */
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    return faccessat(AT_FDCWD, link, W_OK, AT_EACCESS) == 0 ? 1 : 0;
}
