/* major() and minor() are in <sys/sysmacros.h>, a glibc extension;
 * _DEFAULT_SOURCE declares them. */
#define _DEFAULT_SOURCE
#include "blockdev.h"

#include <stdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static int read_long(const char *file, long *value)
{
    FILE *f = fopen(file, "re");
    if (f == NULL)
        return -1;
    int ok = fscanf(f, "%ld", value) == 1;
    fclose(f);
    return ok ? 0 : -1;
}

/* region: read-ahead */
int read_ahead_kib(const char *path, long *kib)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    char file[128];
    unsigned maj = major(st.st_dev), min = minor(st.st_dev);
    snprintf(file, sizeof file, "/sys/dev/block/%u:%u/queue/read_ahead_kb", maj, min);
    if (read_long(file, kib) == 0)
        return 0; /* a whole disk */
    snprintf(file, sizeof file, "/sys/dev/block/%u:%u/../queue/read_ahead_kb", maj, min);
    return read_long(file, kib); /* a partition: its disk's queue */
}
/* end region: read-ahead */
