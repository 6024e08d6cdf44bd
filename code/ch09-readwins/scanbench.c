/* scanbench: scan a whole file twelve ways (read() with five buffer sizes,
 * pread(), three kinds of mmap(), and three yardsticks), cross-check their
 * checksums, and print what each costs in GB/s, system calls and faults. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datafile.h"
#include "mapping.h"
#include "measure.h"
#include "parse.h"
#include "program.h"
#include "blockdev.h"
#include "readahead.h"
#include "report.h"
#include "table.h"
#include "variants.h"

#define DEFAULT_SIZE ((uint64_t)64 << 20)
#define MAX_SIZE ((uint64_t)4 << 30)
#define DEFAULT_FILE "build/data/ch09/scan.dat"
#define DEFAULT_RUNS 7

struct options {
    uint64_t size;
    int size_given;
    unsigned runs, threads;
    int cold, csv, readahead;
    const char *path;
};

static void usage(void)
{
    printf("usage: %s [--size BYTES] [--runs N] [--threads T] [--cold] [--csv] [FILE]\n"
           "       %s --readahead [--size BYTES] [FILE]\n"
           "Scan every byte of FILE with read(), pread() and mmap(), and time each way.\n"
           "  --size BYTES  FILE's size: it is created with this many random bytes when\n"
           "                missing (default %" PRIu64 "M, suffixes K, M, G)\n"
           "  --runs N      timed runs per variant, after one warm-up (default %d)\n"
           "  --threads T   split the file among T threads for pread, mmap and the floors (default 1)\n"
           "  --cold        evict FILE from the page cache before every run that reads it\n"
           "  --csv         print CSV instead of the table\n"
           "  --readahead   count the pages one first touch of the cold file brings in\n"
           "  -h, --help    print this help\n"
           "FILE defaults to %s.\n",
           program_name(), program_name(), DEFAULT_SIZE >> 20, DEFAULT_RUNS, DEFAULT_FILE);
}

/* An option's count, 1 to @max; the message is parse.h's. */
static int parse_count(const char *option, const char *text, unsigned max, unsigned *out)
{
    int64_t v;
    if (parse_option_number(option, text, 1, max, &v) != 0)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int parse_option(struct options *o, int c, const char *arg)
{
    switch (c) {
    case 's':
        if (parse_bytes(arg, MAX_SIZE, &o->size) != 0) {
            report("--size", "%s: %s", arg, errno == ERANGE ? "out of range (at most 4G)"
                                                            : parse_error(errno));
            return -1;
        }
        if (o->size == 0) {
            report("--size", "%s: a file to scan needs at least 1 byte", arg);
            return -1;
        }
        o->size_given = 1;
        return 0;
    case 'r':
        return parse_count("--runs", arg, MEASURE_MAX_RUNS, &o->runs);
    case 't':
        return parse_count("--threads", arg, SCAN_MAX_THREADS, &o->threads);
    case 'c':
        o->cold = 1;
        return 0;
    case 'a':
        o->readahead = 1;
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
        {"size", required_argument, NULL, 's'},    {"runs", required_argument, NULL, 'r'},
        {"threads", required_argument, NULL, 't'}, {"cold", no_argument, NULL, 'c'},
        {"csv", no_argument, NULL, 'v'},           {"readahead", no_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    *o = (struct options){.size = DEFAULT_SIZE, .runs = DEFAULT_RUNS, .threads = 1,
                          .path = DEFAULT_FILE};
    int c;
    opterr = 0; /* we print our own one-line messages */
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage();
            return -1;
        } else if (c == '?' || c == ':') {
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

/* region: open-file */
/* Open the file, creating it with random bytes when missing; refuse anything
 * that is not a regular file with bytes in it, or not the size asked for. */
static int open_file(const struct options *o, uint64_t *size)
{
    struct stat st;
    if (stat(o->path, &st) != 0 && errno == ENOENT) {
        /* EEXIST: another run made it meanwhile; open and check that one. */
        if (make_parent_dirs(o->path) != 0 ||
            (create_random_file(o->path, o->size, 0x5eed) != 0 && errno != EEXIST)) {
            report(o->path, "cannot create: %s", strerror(errno));
            return -1;
        }
    }
    int fd = open(o->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        report_errno(o->path, errno);
        return -1;
    }
    int ok = 0;
    if (fstat(fd, &st) != 0)
        report_errno(o->path, errno);
    else if (!S_ISREG(st.st_mode))
        report(o->path, "cannot scan %s: a regular file is needed", file_kind(st.st_mode));
    else if (st.st_size == 0)
        report(o->path, "empty file: nothing to scan");
    else if (o->size_given && (uint64_t)st.st_size != o->size)
        report(o->path, "holds %lld bytes, not the %" PRIu64 " of --size", (long long)st.st_size,
               o->size);
    else
        ok = 1;
    if (!ok) {
        close(fd);
        return -1;
    }
    *size = (uint64_t)st.st_size;
    return fd;
}
/* end region: open-file */

static int readahead_report(int fd, const struct options *o, uint64_t size)
{
    static const struct {
        enum first_touch how;
        const char *what;
    } probes[] = {
        {TOUCH_MMAP, "mmap, first byte touched"},
        {TOUCH_MMAP_SEQUENTIAL, "mmap + MADV_SEQUENTIAL, first byte touched"},
        {TOUCH_READ, "read() of the first page"},
    };
    printf("file:     %s (%" PRIu64 " bytes, %" PRIu64 " pages)\n", o->path, size,
           (size + page_size() - 1) / page_size());
    long window;
    if (read_ahead_kib(o->path, &window) == 0)
        printf("device:   read_ahead_kb %ld (%ld pages)\n", window, window * 1024 / (long)page_size());
    else
        printf("device:   read_ahead_kb unknown (no block device under the file)\n");
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        size_t pages;
        if (probe_readahead(fd, size, probes[i].how, &pages) != 0) {
            report(o->path, "%s", errno == EFAULT ? "the file shrank while mapped (SIGBUS)"
                                                  : strerror(errno));
            return EXIT_FAIL;
        }
        if (pages == (size_t)-1)
            printf("%-44s unknown pages resident\n", probes[i].what);
        else
            printf("%-44s %zu pages resident\n", probes[i].what, pages);
    }
    return EXIT_OK;
}

static int benchmark(int fd, const struct options *o, uint64_t size)
{
    struct scan s = {.fd = fd, .size = size, .threads = o->threads};
    struct summary *all = calloc(variant_count(), sizeof *all);
    struct table_context t = {.path = o->path, .size = size, .runs = o->runs,
                              .threads = o->threads, .cold = o->cold, .huge_bytes = -1};
    int status = EXIT_FAIL;
    if (all == NULL)
        report("calloc", "%s", strerror(errno));
    else if (scan_setup(&s, o->path) == 0 &&
             measure_all(&s, o->runs, o->cold, all, &t.cold_report) == 0) {
        t.huge_bytes = huge_buffer_huge_bytes(&s.memory);
        t.memory_length = s.memory.length;
        t.memory_page = s.memory.page;
        t.limit_size = s.limit_size;
        if (o->csv)
            table_print_csv(&t, all);
        else
            table_print(&t, all);
        status = EXIT_OK;
    }
    scan_teardown(&s);
    free(all);
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
    uint64_t size;
    int fd = open_file(&o, &size);
    if (fd < 0)
        return program_finish(EXIT_FAIL);
    int status = o.readahead ? readahead_report(fd, &o, size) : benchmark(fd, &o, size);
    close(fd);
    return program_finish(status);
}
