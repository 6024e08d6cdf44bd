/* seekbench: the article's seek-and-process benchmark in C, run eight ways
 * over the same file, timed, counted and cross-checked. This file is the
 * command line; the benchmark itself is in lib/: the pattern (pattern.c),
 * the ways of reading it (variants.c), the copies in memory they are measured
 * against (floor.c), timing them (measure.c), emptying the cache (cold.c),
 * the file (benchfile.c) and the results (print.c). */
#include "benchfile.h"
#include "floor.h"
#include "measure.h"
#include "parse.h"
#include "pattern.h"
#include "print.h"
#include "program.h"
#include "report.h"
#include "variants.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_SIZE ((uint64_t)10 * 1024 * 1024 + PATTERN_SLACK)
#define MAX_SIZE ((uint64_t)1 << 30)
#define DEFAULT_FILE "build/data/test.out"
#define DEFAULT_RUNS 11

struct options {
    uint64_t size;
    unsigned runs;
    unsigned k;
    int cold, csv;
    const char *path;
};

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [--size BYTES] [--runs N] [--bytes K] [--cold] [--csv] [FILE]\n"
        "Run the article's seek pattern (+64, -32, ...) over FILE eight ways and time them.\n"
        "  --size BYTES  bytes the pattern covers; FILE is created with this many\n"
        "                random bytes when missing (default %" PRIu64 ", at least %" PRIu64 ")\n"
        "  --runs N      timed runs per variant, after one warm-up (default %d)\n"
        "  --bytes K     bytes processed per step, 1 to %d (default %d)\n"
        "  --cold        evict FILE from the page cache before every run\n"
        "  --csv         print CSV instead of the table\n"
        "  -h, --help    print this help\n"
        "FILE defaults to %s.\n",
        program_name(), DEFAULT_SIZE, PATTERN_SLACK, DEFAULT_RUNS, MAX_BYTES, MAX_BYTES,
        DEFAULT_FILE);
}

/* An option's count, checked against its range; the message is parse.h's. */
static int parse_ranged(const char *option, const char *text, int64_t min, int64_t max,
                        unsigned *out)
{
    int64_t v;
    if (parse_option_number(option, text, min, max, &v) != 0)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int parse_option(struct options *o, int c, const char *arg)
{
    switch (c) {
    case 's':
        if (parse_bytes(arg, MAX_SIZE, &o->size) != 0) {
            report("--size", "%s: %s", arg, errno == ERANGE ? "out of range (at most 1G)"
                                                            : parse_error(errno));
            return -1;
        }
        if (o->size < PATTERN_SLACK) {
            report("--size", "%s: smaller than the pattern needs (at least %" PRIu64 " bytes)",
                   arg, PATTERN_SLACK);
            return -1;
        }
        return 0;
    case 'r':
        return parse_ranged("--runs", arg, 1, MAX_RUNS, &o->runs);
    case 'k':
        return parse_ranged("--bytes", arg, 1, MAX_BYTES, &o->k);
    case 'c':
        o->cold = 1;
        return 0;
    default:
        o->csv = 1;
        return 0;
    }
}

/* 0 to run, -1 after --help, EXIT_USAGE on a bad command line. */
static int parse_args(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        {"size", required_argument, NULL, 's'}, {"runs", required_argument, NULL, 'r'},
        {"bytes", required_argument, NULL, 'k'}, {"cold", no_argument, NULL, 'c'},
        {"csv", no_argument, NULL, 'v'},         {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *o = (struct options){.size = DEFAULT_SIZE, .runs = DEFAULT_RUNS, .k = MAX_BYTES,
                          .path = DEFAULT_FILE};
    int c;
    opterr = 0; /* we print our own one-line messages */
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return -1;
        } else if (c == ':' || c == '?') {
            return bad_option(c, argv);
        } else if (parse_option(o, c, optarg) != 0) {
            return EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        report(argv[optind + 1], "only one FILE is allowed");
        return EXIT_USAGE;
    }
    if (optind < argc)
        o->path = argv[optind];
    return 0;
}

static int benchmark(const struct options *o, struct bench *b, struct run_info *info)
{
    struct sample *samples = calloc((size_t)variant_count * o->runs, sizeof *samples);
    if (samples == NULL) {
        report("calloc", "%s", strerror(errno));
        return EXIT_FAIL;
    }
    struct cold_report cold = {.refused = 0};
    int status = EXIT_FAIL;
    if (run_rounds(b, o->runs, o->cold, samples, &cold) == 0 &&
        check_checksums(samples, o->runs, fold_pattern(b->memory, b->limit, b->k)) == 0) {
        struct summary all[VARIANT_MAX];
        for (unsigned v = 0; v < variant_count; v++)
            summarize(samples + (size_t)v * o->runs, o->runs, &all[v]);
        info->cold_report = &cold;
        if (o->csv)
            print_csv(all);
        else
            print_table(b, info, all);
        status = EXIT_OK;
        if (o->cold && !cold_achieved(&cold)) {
            /* The table says what happened; the status says it was not what was asked. */
            report(o->path, "--cold: the page cache could not be emptied before every run");
            status = EXIT_FAIL;
        }
    }
    free(samples);
    return status;
}

int main(int argc, char **argv)
{
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    struct options o;
    int rc = parse_args(argc, argv, &o);
    if (rc != 0)
        return program_finish(rc < 0 ? EXIT_OK : rc);
    struct bench b = {.path = o.path, .size = o.size, .limit = pattern_limit(o.size),
                      .k = o.k, .io_fd = -1};
    /* The default path's directory is made if missing; a path the user typed is taken as is. */
    b.fd = open_bench_file(o.path, o.size, strcmp(o.path, DEFAULT_FILE) == 0);
    if (b.fd < 0)
        return program_finish(EXIT_FAIL);
    struct floor_buffer huge, small;
    struct run_info info = {.path = o.path, .runs = o.runs, .cold = o.cold,
                            .floor = &huge, .floor_4k = &small};
    info.mapping_known = mapping_pages(b.fd, b.size, &info.mapping_kib, &info.mapping_pmd_kib) == 0;
    int status = EXIT_FAIL;
    if (floor_load(&small, b.fd, o.path, b.size, 0) == 0) {
        if (floor_load(&huge, b.fd, o.path, b.size, 1) == 0) {
            b.memory = huge.mem.data;
            b.memory_4k = small.mem.data;
            if (open_helpers(&b) == 0)
                status = benchmark(&o, &b, &info);
            close_helpers(&b);
            floor_release(&huge);
        }
        floor_release(&small);
    }
    if (close(b.fd) != 0 && status == EXIT_OK) {
        report_errno(o.path, errno);
        status = EXIT_FAIL;
    }
    return program_finish(status);
}
