/* protect: three pages with three protections (read-write, read-only, and
 * none: a guard page), and what each access does, tried in a child. */

/* _DEFAULT_SOURCE: MAP_ANONYMOUS is not in POSIX. */
#define _DEFAULT_SOURCE
#include "mapping.h"
#include "maps.h"
#include "probe.h"
#include "program.h"
#include "report.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

struct access {
    unsigned page;
    int write;
    int expected; /* 0, or the signal */
};

static unsigned char *pages;     /* three pages */
static volatile size_t *reached; /* shared with the children: how far the overrun got */

static int try_access(void *arg)
{
    const struct access *a = arg;
    volatile unsigned char *p = pages + a->page * page_size();
    if (a->write)
        *p = 'B';
    else if (*p == 'Z') /* use the byte read, or a tool such as valgrind may drop the load */
        return 2;
    return 0;
}

/* region: overrun */
/* A loop that reads past the end of its buffer, as a bug would: it stops
 * at the guard page, and the shared counter says exactly where. */
static int overrun(void *arg)
{
    (void)arg;
    for (size_t i = 0; i < 3 * page_size(); i++) {
        *reached = i;
        if (*(volatile unsigned char *)(pages + i) == 'Z')
            return 2; /* never: the pages hold 'A' and zeros */
    }
    return 0; /* the guard page let us through */
}
/* end region: overrun */

/* region: protect */
static int set_up(size_t page)
{
    pages = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED)
        return -1;
    memset(pages, 'A', 2 * page);
    if (mprotect(pages + page, page, PROT_READ) != 0)     /* read-only */
        return -1;
    return mprotect(pages + 2 * page, page, PROT_NONE);   /* a guard page */
}
/* end region: protect */

static int run(void)
{
    size_t page = page_size();
    reached = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (reached == MAP_FAILED || set_up(page) != 0) {
        report("mmap/mprotect", "%s", strerror(errno));
        return EXIT_FAIL;
    }
    static const struct access tries[] = {
        {0, 0, 0}, {0, 1, 0}, {1, 0, 0}, {1, 1, SIGSEGV}, {2, 0, SIGSEGV}, {2, 1, SIGSEGV},
    };
    int status = EXIT_OK;
    printf("%-5s %-6s %-6s %-32s %s\n", "page", "maps", "access", "what happened", "expected");
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        const struct access *a = &tries[i];
        struct maps_entry e;
        if (maps_find(pages + a->page * page, &e) != 1) {
            report("/proc/self/maps", "the page is not listed");
            return EXIT_FAIL;
        }
        char seen[80];
        int sig = probe_in_child(try_access, (void *)a, seen, sizeof seen);
        int ok = sig == a->expected;
        printf("%-5u %-6s %-6s %-32s %s\n", a->page, e.perms, a->write ? "write" : "read", seen,
               ok ? "yes" : "NO");
        if (!ok)
            status = EXIT_FAIL;
    }
    char seen[80];
    int sig = probe_in_child(overrun, NULL, seen, sizeof seen);
    printf("a loop reading on from the first byte: %s after %zu bytes (%zu pages)\n", seen,
           *reached, *reached / page);
    if (sig != SIGSEGV || *reached != 2 * page)
        status = EXIT_FAIL;
    munmap(pages, 3 * page);
    munmap((void *)reached, page);
    return status;
}

int main(int argc, char **argv)
{
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    int early = help_only_options(argc, argv,
               "Map three pages: read-write, read-only (mprotect PROT_READ) and a guard\n"
               "page (PROT_NONE). Read and write each in a child and report the signal,\n"
               "then let a loop read on until the guard page stops it. Exit status 0 if\n"
               "every access did what the book says, 1 if not.\n");
    if (early >= 0)
        return early;
    return program_finish(run());
}
