#define _GNU_SOURCE /* vasprintf */
#include "hostile.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every script starts the same way: our programs first, the preload named. */
#define PRELUDE \
    "PATH='" BIN_DIR "':\"$PATH\"; SHRINK='" PRELOAD_DIR "/shrink.so'; export PATH SHRINK\n"

/* The shell itself is not what valgrind should check: run it bare. */
static int run_bare(struct run_result *r, const char *const argv[])
{
    const char *under = getenv("RUN_UNDER");
    char *saved = under ? strdup(under) : NULL;
    unsetenv("RUN_UNDER");
    int rc = run_argv(r, NULL, argv);
    if (saved != NULL) {
        setenv("RUN_UNDER", saved, 1);
        free(saved);
    }
    return rc;
}

static int run_script(struct run_result *r, const char *size, const char *fmt, va_list ap)
{
    char *script = NULL, *line = NULL;
    if (vasprintf(&script, fmt, ap) < 0)
        return -1;
    int rc = -1;
    if (size == NULL) {
        if (asprintf(&line, "%s%s", PRELUDE, script) >= 0) {
            const char *const argv[] = {"/bin/sh", "-c", line, NULL};
            rc = run_bare(r, argv);
        }
    } else {
        /* Mount, run, and leave: the namespace and its tmpfs die with the shell. */
        if (asprintf(&line,
                     "%sFS=$(mktemp -d) && mount -t tmpfs -o size=%s mmf-small \"$FS\" && export FS "
                     "&& { %s\n}",
                     PRELUDE, size, script) >= 0) {
            const char *const argv[] = {"/usr/bin/unshare", "-Urm", "/bin/sh", "-c", line, NULL};
            rc = run_bare(r, argv);
        }
    }
    free(script);
    free(line);
    return rc;
}

int run_shell(struct run_result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = run_script(r, NULL, fmt, ap);
    va_end(ap);
    return rc;
}

int run_in_small_tmpfs(struct run_result *r, const char *size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = run_script(r, size, fmt, ap);
    va_end(ap);
    return rc;
}

int small_tmpfs_supported(void)
{
    static int known = -1;
    if (known < 0) {
        struct run_result r;
        known = run_in_small_tmpfs(&r, "64k", "test -d \"$FS\" && echo mounted") == 0 && r.exited &&
                r.status == 0 && strstr(r.out, "mounted") != NULL;
        run_free(&r);
    }
    return known;
}
