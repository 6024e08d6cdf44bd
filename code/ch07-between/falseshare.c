/* falseshare: two processes, each adding 1 to a counter of its own. Their
 * counters sit either on one cache line or on two; nothing else differs. */

/* _DEFAULT_SOURCE: MAP_ANONYMOUS is not in POSIX. */
#define _DEFAULT_SOURCE
#include "measure.h"
#include "count.h"
#include "parse.h"
#include "program.h"
#include "report.h"
#include "workers.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define MAX_ITERS UINT64_C(1000000000)
#define MAX_RUNS 99

/* region: layouts */
/* Where the second counter sits, in bytes from the first (at a page start).
 * 128, not 64: some processors fetch cache lines in pairs. */
static const struct layout {
    const char *name;
    size_t distance;
} layouts[] = {
    {"same line", sizeof(uint64_t)},
    {"separate lines", 128},
};
/* end region: layouts */

struct job {
    unsigned char *base;
    size_t distance;
    uint64_t iters;
};

/* region: own-counter */
static int add_to_own_counter(void *arg, unsigned index)
{
    const struct job *j = arg;
    volatile uint64_t *mine = (volatile uint64_t *)(j->base + index * j->distance);
    for (uint64_t i = 0; i < j->iters; i++)
        (*mine)++; /* nobody else writes this counter: no race, no lock */
    return 0;
}
/* end region: own-counter */

/* Median ns per increment over @runs runs; -1 on a failure (reported). */
static double measure(struct job *j, unsigned runs)
{
    double ns[MAX_RUNS];
    for (unsigned r = 0; r < runs; r++) {
        int statuses[2];
        double elapsed;
        memset(j->base, 0, 256);
        if (workers_run(2, add_to_own_counter, j, statuses, &elapsed) != 0) {
            report("fork", "%s", strerror(errno));
            return -1;
        }
        for (int w = 0; w < 2; w++) {
            if (!WIFEXITED(statuses[w]) || WEXITSTATUS(statuses[w]) != 0) {
                report("worker", "%d did not finish", w);
                return -1;
            }
            if (*(volatile uint64_t *)(j->base + (size_t)w * j->distance) != j->iters) {
                report("worker", "%d: its counter is wrong", w);
                return -1;
            }
        }
        ns[r] = elapsed / (double)(2 * j->iters);
    }
    return median(ns, runs);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"iters", required_argument, NULL, 'i'}, {"runs", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    uint64_t iters = 20000000, runs = 5;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":i:r:h", longopts, NULL)) != -1) {
        if (c == 'i' && parse_count("--iters", optarg, MAX_ITERS, &iters) != 0)
            return EXIT_USAGE;
        if (c == 'r' && parse_count("--runs", optarg, MAX_RUNS, &runs) != 0)
            return EXIT_USAGE;
        if (c == 'h') {
            printf("usage: %s [--iters M] [--runs R]\n"
                   "Two processes each add 1 to their own counter M times (default 20000000),\n"
                   "with the two counters on one cache line, then on two; print the median\n"
                   "of R runs (default 5) in nanoseconds per increment.\n", program_name());
            return program_finish(EXIT_OK);
        }
        if (c != 'i' && c != 'r' && c != 'h')
            return bad_option(c, argv);
    }
    if (optind < argc) {
        report(argv[optind], "unexpected argument (try --help)");
        return EXIT_USAGE;
    }
    unsigned char *base = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) {
        report("mmap", "%s", strerror(errno));
        return program_finish(EXIT_FAIL);
    }
    printf("2 processes, each adding 1 to its own counter %" PRIu64 " times, median of %" PRIu64
           " runs\n%-16s %9s %14s\n", iters, runs, "counters on", "distance", "ns/increment");
    int status = EXIT_OK;
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        struct job j = {.base = base, .distance = layouts[i].distance, .iters = iters};
        double ns = measure(&j, (unsigned)runs);
        if (ns < 0) {
            status = EXIT_FAIL;
            break;
        }
        printf("%-16s %3zu bytes %14.2f\n", layouts[i].name, layouts[i].distance, ns);
    }
    munmap(base, 4096);
    return program_finish(status);
}
