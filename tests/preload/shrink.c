/* shrink.so: make "a file truncated while it is mapped" happen at a known
 * moment, for the hostile-conditions tests.
 *
 * Preloaded (LD_PRELOAD) into a program, it wraps mmap(): when the
 * environment holds MMF_SHRINK_TO=BYTES, the Nth successful mapping of a
 * file descriptor (N from MMF_SHRINK_AT, default 1) is followed at once by
 * truncating that file to BYTES, exactly as another process might do a
 * moment after the program mapped it. The program's own code is unchanged. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

typedef void *(*mmap_fn)(void *, size_t, int, int, int, off_t);

static long mappings;

static void maybe_shrink(int fd)
{
    const char *to = getenv("MMF_SHRINK_TO");
    if (to == NULL || fd < 0)
        return;
    const char *at = getenv("MMF_SHRINK_AT");
    long want = at ? strtol(at, NULL, 10) : 1;
    if (++mappings != want)
        return;
    /* Through the path, not the descriptor: it may be open read-only. */
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    if (truncate(link, (off_t)strtoll(to, NULL, 10)) != 0)
        perror("shrink.so: truncate");
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    static mmap_fn real;
    if (real == NULL) {
        /* dlsym() returns an object pointer; POSIX lets it hold a function's
         * address, and copying the bytes is the pedantic way to convert it. */
        void *sym = dlsym(RTLD_NEXT, "mmap");
        memcpy(&real, &sym, sizeof real);
    }
    void *p = real(addr, length, prot, flags, fd, offset);
    if (p != MAP_FAILED && !(flags & MAP_ANONYMOUS))
        maybe_shrink(fd);
    return p;
}

/* Built without _FILE_OFFSET_BITS=64, so both names exist: a program built
 * with 64-bit offsets calls mmap64, Python and the rest call mmap. */
void *mmap64(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    return mmap(addr, length, prot, flags, fd, offset);
}
