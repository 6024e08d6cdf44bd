/* sealfd: a memfd that anyone holding it may truncate, against one sealed
 * with F_SEAL_SHRINK and F_SEAL_GROW, whose size nobody can change. */

/* _GNU_SOURCE: memfd_create(), MFD_* and the F_*SEAL* commands are Linux's. */
#define _GNU_SOURCE
#include "names.h"
#include "probe.h"
#include "program.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SIZE 4096 /* one page on this book's machines; any size would do */


/* Print a call's result: "success" or "EPERM (Operation not permitted)". */
static int said(const char *what, int result)
{
    int e = errno;
    if (result == 0)
        printf("  %-40s success\n", what);
    else
        printf("  %-40s %s (%s)\n", what, errno_name(e), strerror(e));
    return result == 0 ? 0 : e;
}

static void print_seals(int fd)
{
    static const struct { int bit; const char *name; } names[] = {
        {F_SEAL_SEAL, "seal"}, {F_SEAL_SHRINK, "shrink"}, {F_SEAL_GROW, "grow"},
        {F_SEAL_WRITE, "write"},
    };
    int seals = fcntl(fd, F_GET_SEALS);
    char text[64] = "none";
    size_t used = 0;
    for (size_t i = 0; seals > 0 && i < sizeof names / sizeof names[0]; i++)
        if (seals & names[i].bit)
            used += (size_t)snprintf(text + used, sizeof text - used, "%s%s", used ? " " : "",
                                     names[i].name);
    printf("  %-40s %s\n", "F_GET_SEALS", seals < 0 ? strerror(errno) : text);
}

static int read_first_byte(void *arg)
{
    return *(volatile unsigned char *)arg == 'h' ? 0 : 3;
}

/* A fresh memfd of SIZE bytes holding "hello", mapped shared and writable. */
static char *new_memfd(const char *name, int *fd)
{
    *fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (*fd < 0)
        return NULL;
    char *p = MAP_FAILED;
    if (ftruncate(*fd, SIZE) == 0)
        p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, *fd, 0);
    if (p == MAP_FAILED) {
        int saved = errno;
        close(*fd);
        errno = saved;
        return NULL;
    }
    memcpy(p, "hello", 5);
    return p;
}

/* region: unsealed */
static int unsealed(void)
{
    int fd;
    char *p = new_memfd("unsealed", &fd);
    if (p == NULL)
        return -1;
    char seen[80];
    printf("an unsealed memfd of %d bytes, mapped shared:\n", SIZE);
    said("ftruncate(fd, 0)", ftruncate(fd, 0));
    int sig = probe_in_child(read_first_byte, p, seen, sizeof seen);
    printf("  %-40s %s\n", "read the first byte (in a child)", seen);
    munmap(p, SIZE);
    close(fd);
    return sig;
}
/* end region: unsealed */

/* region: sealed */
static int sealed(void)
{
    int fd;
    char *p = new_memfd("sealed", &fd);
    if (p == NULL)
        return -1;
    char seen[80];
    printf("a memfd of %d bytes, mapped shared, then sealed:\n", SIZE);
    said("F_ADD_SEALS F_SEAL_SHRINK|F_SEAL_GROW", fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW));
    print_seals(fd);
    int shrink = said("ftruncate(fd, 0)", ftruncate(fd, 0));
    int grow = said("ftruncate(fd, 8192)", ftruncate(fd, 2 * SIZE));
    probe_in_child(read_first_byte, p, seen, sizeof seen);
    printf("  %-40s %s\n", "read the first byte (in a child)", seen);
    /* F_SEAL_WRITE would forbid every store; with our writable shared
     * mapping still in place, the kernel refuses to add it. */
    int write_seal = said("F_ADD_SEALS F_SEAL_WRITE", fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    munmap(p, SIZE);
    close(fd);
    return shrink == EPERM && grow == EPERM && write_seal == EBUSY && strcmp(seen, "no signal") == 0
               ? 0 : 1;
}
/* end region: sealed */

int main(int argc, char **argv)
{
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    int early = help_only_options(argc, argv,
               "Truncate an unsealed memfd under its mapping (a child's read then gets\n"
               "SIGBUS), then try to shrink and grow a memfd sealed with F_SEAL_SHRINK\n"
               "and F_SEAL_GROW (EPERM). Exit status 0 if the kernel did what the book\n"
               "says, 1 if not.\n");
    if (early >= 0)
        return early;
    int status = EXIT_OK;
    int sig = unsealed();
    if (sig < 0) {
        report("memfd", "%s", strerror(errno));
        return program_finish(EXIT_FAIL);
    }
    if (sig != SIGBUS)
        status = EXIT_FAIL;
    int r = sealed();
    if (r < 0) {
        report("memfd", "%s", strerror(errno));
        return program_finish(EXIT_FAIL);
    }
    if (r != 0)
        status = EXIT_FAIL;
    return program_finish(status);
}
