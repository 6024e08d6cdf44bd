/* The probes' scratch directory: made fresh, and removable from a handler. */
#include "scratch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The one name a probe's file ever has, inside the directory. */
#define PROBE_FILE "probe"

/* The paths scratch_dir_remove() needs, built before any handler can run. */
static char removing_dir[4096], removing_file[4096 + sizeof "/" PROBE_FILE];

static int remember(const char *dir)
{
    if ((size_t)snprintf(removing_file, sizeof removing_file, "%s/%s", dir, PROBE_FILE)
        >= sizeof removing_file)
        return -1;
    snprintf(removing_dir, sizeof removing_dir, "%s", dir);
    return 0;
}

int scratch_dir_create(char *dir, size_t size)
{
    const char *base = getenv("TMPDIR");
    if (base == NULL || *base == '\0')
        base = "/tmp";
    if ((size_t)snprintf(dir, size, "%s/mapfail-XXXXXX", base) >= size
        || size > sizeof removing_dir) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (mkdtemp(dir) == NULL)
        return -1;
    remember(dir);
    return 0;
}

int scratch_dir_remove(const char *dir)
{
    if (strcmp(dir, removing_dir) != 0 && remember(dir) != 0) {
        errno = ENAMETOOLONG;
        return -1;
    }
    unlink(removing_file); /* usually gone already: ENOENT is fine */
    return rmdir(removing_dir);
}

int scratch_file(const char *dir, const void *bytes, size_t n, off_t size, int oflags)
{
    char path[4096 + sizeof "/" PROBE_FILE];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, PROBE_FILE) >= sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    /* The directory is ours alone (mkdtemp made it 0700), so a fixed name is
     * safe, and O_TRUNC takes over a file a killed child left behind. */
    int rw = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (rw < 0)
        return -1;
    int fd = -1;
    if ((n == 0 || write(rw, bytes, n) == (ssize_t)n) && ftruncate(rw, size) == 0)
        fd = oflags == O_RDWR ? dup(rw) : open(path, oflags | O_CLOEXEC);
    int saved = errno;
    unlink(path);
    close(rw);
    errno = saved;
    return fd;
}
