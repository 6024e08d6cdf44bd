/* race.so: make "another process created the file meanwhile" happen at a
 * known moment, for the tests of publishing a finished data file.
 *
 * Preloaded (LD_PRELOAD) into a program, it wraps link() and rename(): when
 * the environment holds MMF_RACE_FILE=PATH, the first call whose new name is
 * PATH is preceded by creating PATH (O_EXCL) holding MMF_RACE_SIZE bytes of
 * 'x' (default 4096), exactly as a second run of the program, or the user,
 * might do between the program's check that PATH is missing and its
 * publication of the file it wrote. The program's own code is unchanged. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*rename_fn)(const char *, const char *);

static void maybe_race(const char *to)
{
    static int done;
    const char *path = getenv("MMF_RACE_FILE");
    if (done || path == NULL || strcmp(path, to) != 0)
        return;
    done = 1;
    const char *size = getenv("MMF_RACE_SIZE");
    long n = size ? strtol(size, NULL, 10) : 4096;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        perror("race.so: open");
        return;
    }
    char block[4096];
    memset(block, 'x', sizeof block);
    for (long left = n; left > 0;) {
        ssize_t w = write(fd, block, left < (long)sizeof block ? (size_t)left : sizeof block);
        if (w <= 0) {
            perror("race.so: write");
            break;
        }
        left -= w;
    }
    close(fd);
}

/* link() and rename() take the same arguments and return the same type. */
static int call_next(const char *name, const char *from, const char *to)
{
    /* dlsym() returns an object pointer; POSIX lets it hold a function's
     * address, and copying the bytes is the pedantic way to convert it. */
    void *sym = dlsym(RTLD_NEXT, name);
    rename_fn real;
    memcpy(&real, &sym, sizeof real);
    maybe_race(to);
    return real(from, to);
}

int link(const char *from, const char *to)
{
    return call_next("link", from, to);
}

int rename(const char *from, const char *to)
{
    return call_next("rename", from, to);
}
