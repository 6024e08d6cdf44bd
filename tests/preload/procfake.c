/* procfake.so: show a program another machine's memory and overcommit
 * policy, for the tests of chapter 5's commit cases.
 *
 * Preloaded (LD_PRELOAD) into a program, it wraps fopen() and fopen64():
 * when the environment holds MMF_PROC_MEMINFO=PATH, opening /proc/meminfo
 * opens PATH instead; MMF_PROC_OVERCOMMIT=PATH does the same for
 * /proc/sys/vm/overcommit_memory. The kernel is not fooled: only what the
 * program reads changes, which is what decides its sizes and expectations. */
#define _GNU_SOURCE /* RTLD_NEXT, fopen64 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef FILE *(*fopen_fn)(const char *, const char *);

static const char *instead_of(const char *path)
{
    static const struct {
        const char *real, *variable;
    } fakes[] = {
        {"/proc/meminfo", "MMF_PROC_MEMINFO"},
        {"/proc/sys/vm/overcommit_memory", "MMF_PROC_OVERCOMMIT"},
    };
    for (size_t i = 0; i < sizeof fakes / sizeof fakes[0]; i++) {
        const char *fake = getenv(fakes[i].variable);
        if (fake != NULL && strcmp(path, fakes[i].real) == 0)
            return fake;
    }
    return path;
}

static FILE *call_next(const char *name, const char *path, const char *mode)
{
    /* dlsym() returns an object pointer; copying the bytes is the pedantic
     * way to make it a function pointer. */
    void *sym = dlsym(RTLD_NEXT, name);
    fopen_fn real;
    memcpy(&real, &sym, sizeof real);
    return real(instead_of(path), mode);
}

FILE *fopen(const char *path, const char *mode)
{
    return call_next("fopen", path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
    return call_next("fopen64", path, mode);
}
