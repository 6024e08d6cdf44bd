/* growfail: grow a new file in DIR by one page and store into it, three
 * ways, each in a child so that a SIGBUS costs only the child. On a full file
 * system this shows the difference between the two ways to grow: ftruncate()
 * succeeds and the store dies, fallocate() fails with ENOSPC and nothing dies. */
#include "grow.h"

#include "guard.h"
#include "mapping.h"
#include "program.h"
#include "report.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

struct way {
    const char *label;
    enum grow_strategy grow;
    int guarded;
};

static const struct way ways[] = {
    {"ftruncate, then a plain store", GROW_FTRUNCATE, 0},
    {"ftruncate, then a guarded store", GROW_FTRUNCATE, 1},
    {"fallocate, then a plain store", GROW_FALLOCATE, 0},
};

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [-h|--help] DIR\n"
        "Grow a new file in DIR by one page and store a byte into the new page,\n"
        "three ways, each in a child: print what each child saw, or the signal\n"
        "that killed it. Try it on a full file system.\n",
        program_name());
}

/* A new file in @dir, unlinked at once: gone when the child ends, however. */
static int scratch(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/growfail-XXXXXX", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkstemp(path);
    if (fd >= 0)
        unlink(path);
    return fd;
}

static void say_errno(const char *call, int err)
{
    printf("%s: -1, %s\n", call, strerror(err));
}

/* region: child */
/* In the child: grow, map, store. Returns only if no signal ended it. */
static void try_way(const char *dir, const struct way *w)
{
    size_t page = page_size();
    int fd = scratch(dir);
    if (fd < 0) {
        say_errno("mkstemp", errno);
        return;
    }
    if (grow_file(fd, w->grow, 0, page) != 0) {
        say_errno(grow_name(w->grow), errno); /* refused before any store */
        return;
    }
    unsigned char *p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        say_errno("mmap", errno);
        return;
    }
    unsigned char byte = 1;
    if (!w->guarded)
        p[0] = byte; /* a plain store: a page needs a block, now */
    else if (guarded_write(p, &byte, 1) != 0) {
        printf("guarded_write: -1, %s (the guard caught a SIGBUS)\n", strerror(errno));
        return;
    }
    printf("stored\n");
}
/* end region: child */

static int run_way(const char *dir, const struct way *w)
{
    printf("%-33s ", w->label);
    fflush(stdout); /* nothing buffered may be printed twice */
    pid_t pid = fork();
    if (pid < 0) {
        report("fork", "%s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        signal(SIGBUS, SIG_DFL); /* the kernel's outcome, not an inherited handler's */
        struct rlimit none = {0, 0};
        setrlimit(RLIMIT_CORE, &none); /* a deliberate crash leaves no core file */
        try_way(dir, w);
        fflush(stdout);
        _exit(0);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            report("waitpid", "%s", strerror(errno));
            return -1;
        }
    }
    if (WIFSIGNALED(status))
        printf("killed by %s\n", WTERMSIG(status) == SIGBUS ? "SIGBUS" : strsignal(WTERMSIG(status)));
    return 0;
}

int main(int argc, char **argv)
{
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return program_finish(EXIT_OK);
        }
        return program_finish(bad_option(c, argv));
    }
    if (argc - optind != 1) {
        report(argc - optind < 1 ? "DIR" : argv[optind + 1],
               argc - optind < 1 ? "missing argument (try --help)" : "too many arguments (try --help)");
        return program_finish(EXIT_USAGE);
    }
    int status = EXIT_OK;
    for (size_t i = 0; i < sizeof ways / sizeof ways[0] && status == EXIT_OK; i++)
        if (run_way(argv[optind], &ways[i]) != 0)
            status = EXIT_FAIL;
    return program_finish(status);
}
