/* shmcount: N processes increment one counter in shared memory M times each,
 * with no synchronisation, with atomics or with a process-shared mutex, and
 * the program reports what was lost and what each way costs. */
#include "backing.h"
#include "counter.h"
#include "experiment.h"
#include "maps.h"
#include "mapping.h"
#include "count.h"
#include "parse.h"
#include "program.h"
#include "report.h"
#include "table.h"
#include "workers.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define MAX_ITERS UINT64_C(1000000000) /* a billion: minutes under a mutex already */

struct config {
    struct table_setup table;
    int all;              /* every sync mode, in order */
    enum sync_mode mode;  /* otherwise this one */
    int maps;             /* print the shared mapping's line of /proc/self/maps */
    int kill_holder;
};

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [--procs N] [--iters M] [--sync none|atomic|mutex|all]\n"
        "       [--backing anon|memfd|shm] [--runs R] [--csv] [--maps] [--kill-holder]\n"
        "N processes add 1 to one counter in shared memory M times each; print the\n"
        "expected total, the count reached, the updates lost and the nanoseconds per\n"
        "increment (median of R runs; count and lost from the run that lost most).\n"
        "  -p, --procs N      worker processes, 1 to %d (default 2)\n"
        "  -i, --iters M      increments per process, 1 to %" PRIu64 " (default 1000000)\n"
        "  -s, --sync MODE    none (a plain ++), atomic, mutex, or all (default)\n"
        "  -b, --backing B    anon (MAP_SHARED|MAP_ANONYMOUS), memfd or shm (default anon)\n"
        "  -r, --runs R       timed runs per mode, 1 to %d (default 5)\n"
        "  -c, --csv          print CSV: " TABLE_CSV_HEADER "\n"
        "  -m, --maps         first print the shared mapping's line of /proc/self/maps\n"
        "                     (not with --csv)\n"
        "  -k, --kill-holder  (mutex) worker 0 dies holding the lock halfway; the next\n"
        "                     locker gets EOWNERDEAD and repairs the lock\n"
        "  -h, --help         print this help\n"
        "Exit status: 0 if atomic and mutex counted every increment, 1 on a failure,\n"
        "2 on misuse.\n",
        program_name(), WORKERS_MAX, MAX_ITERS, EXPERIMENT_MAX_RUNS);
}

/* Returns -1 to go on, or the exit status to end with. */
static int parse_options(int argc, char **argv, struct config *cfg)
{
    static const struct option longopts[] = {
        {"procs", required_argument, NULL, 'p'}, {"iters", required_argument, NULL, 'i'},
        {"sync", required_argument, NULL, 's'},  {"backing", required_argument, NULL, 'b'},
        {"runs", required_argument, NULL, 'r'},  {"csv", no_argument, NULL, 'c'},
        {"maps", no_argument, NULL, 'm'},        {"kill-holder", no_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
    };
    uint64_t n;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":p:i:s:b:r:cmkh", longopts, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (parse_count("--procs", optarg, WORKERS_MAX, &n) != 0)
                return EXIT_USAGE;
            cfg->table.procs = (unsigned)n;
            break;
        case 'i':
            if (parse_count("--iters", optarg, MAX_ITERS, &cfg->table.iters) != 0)
                return EXIT_USAGE;
            break;
        case 'r':
            if (parse_count("--runs", optarg, EXPERIMENT_MAX_RUNS, &n) != 0)
                return EXIT_USAGE;
            cfg->table.runs = (unsigned)n;
            break;
        case 's':
            cfg->all = strcmp(optarg, "all") == 0;
            if (!cfg->all && sync_parse(optarg, &cfg->mode) != 0) {
                report("--sync", "%s: unknown mode (none, atomic, mutex or all)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'b':
            if (backing_parse(optarg, &cfg->table.backing) != 0) {
                report("--backing", "%s: unknown backing (anon, memfd or shm)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'c': cfg->table.csv = 1; break;
        case 'm': cfg->maps = 1; break;
        case 'k': cfg->kill_holder = 1; break;
        case 'h': usage(stdout); return program_finish(EXIT_OK);
        default: return bad_option(c, argv);
        }
    }
    if (optind < argc) {
        report(argv[optind], "unexpected argument (try --help)");
        return EXIT_USAGE;
    }
    if (cfg->maps && cfg->table.csv) {
        report("--maps", "cannot be combined with --csv, whose first line is the header");
        return EXIT_USAGE;
    }
    if (cfg->kill_holder && (cfg->all || cfg->mode != SYNC_MUTEX || cfg->table.procs < 2)) {
        report("--kill-holder", "needs --sync mutex and at least 2 processes");
        return EXIT_USAGE;
    }
    return -1;
}

static int print_maps_line(const void *addr)
{
    struct maps_entry e;
    int found = maps_find(addr, &e);
    if (found != 1) {
        report("/proc/self/maps", "%s", found < 0 ? strerror(errno) : "the mapping is not listed");
        return -1;
    }
    printf("mapping: %s\n", e.line);
    return 0;
}

/* region: main-loop */
static int run_modes(const struct config *cfg, struct shared_counter *counter)
{
    table_header(stdout, &cfg->table);
    for (int m = 0; m < SYNC_MODES; m++) {
        if (!cfg->all && (enum sync_mode)m != cfg->mode)
            continue;
        struct experiment e = {.counter = counter, .mode = (enum sync_mode)m,
                               .procs = cfg->table.procs, .iters = cfg->table.iters,
                               .runs = cfg->table.runs, .kill_holder = cfg->kill_holder};
        struct outcome o;
        if (experiment_run(&e, &o) != 0) {
            report("fork", "%s", strerror(errno));
            return EXIT_FAIL;
        }
        if (o.failed) {
            report(sync_name(e.mode), "%s", o.why);
            return EXIT_FAIL;
        }
        table_row(stdout, &cfg->table, e.mode, &o);
        if (e.mode == SYNC_NONE)
            table_counts(stdout, &cfg->table, e.mode, &o);
        if (e.mode != SYNC_NONE && o.count != o.expected - o.unfinished) {
            report(sync_name(e.mode), "count %" PRIu64 ", expected %" PRIu64, o.count,
                   o.expected - o.unfinished);
            return EXIT_FAIL;
        }
        if (cfg->kill_holder && !cfg->table.csv)
            printf("worker 0 was killed holding the lock in each run; EOWNERDEAD was seen and "
                   "repaired %" PRIu64 " time%s; it never made its last %" PRIu64 " increments\n",
                   o.repairs, o.repairs == 1 ? "" : "s", o.unfinished);
    }
    return EXIT_OK;
}
/* end region: main-loop */

int main(int argc, char **argv)
{
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    struct config cfg = {
        .table = {.backing = BACKING_ANON, .procs = 2, .iters = 1000000, .runs = 5, .csv = 0},
        .all = 1, .mode = SYNC_NONE, .maps = 0, .kill_holder = 0,
    };
    int status = parse_options(argc, argv, &cfg);
    if (status >= 0)
        return status;
    struct shared_region region;
    const char *step;
    if (shared_create(cfg.table.backing, page_size(), &region, &step) != 0) {
        report(backing_name(cfg.table.backing), "%s: %s", step, strerror(errno));
        return program_finish(EXIT_FAIL);
    }
    struct shared_counter *counter = region.addr;
    int err = counter_init(counter);
    if (err != 0) {
        report("pthread_mutex_init", "%s", strerror(err));
        shared_destroy(&region);
        return program_finish(EXIT_FAIL);
    }
    status = EXIT_OK;
    if (cfg.maps && print_maps_line(region.addr) != 0)
        status = EXIT_FAIL;
    if (status == EXIT_OK)
        status = run_modes(&cfg, counter);
    counter_destroy(counter);
    if (shared_destroy(&region) != 0) {
        report("munmap", "%s", strerror(errno));
        status = EXIT_FAIL;
    }
    return program_finish(status);
}
