/* maplog: an append-only log of records, written and read only through a
 * shared mapping. The file grows in chunks (ftruncate or fallocate), the
 * mapping follows it (reserve, mremap or unmap), and a commit makes records
 * durable before the header counts them. The modules are in lib/. */
#include "check.h"
#include "list.h"
#include "log.h"

#include "mapping.h"
#include "parse.h"
#include "program.h"
#include "progress.h"
#include "report.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A generated record: 56 bytes by default, so with its 8-byte head it fills
 * 64; at least the 18 bytes of "record NNNNNNNNNN ". */
enum { FILL_LENGTH = 56, FILL_MIN = 18 };

struct options {
    struct log_settings log;
    uint64_t batch;  /* fill: commit every this many records */
    uint64_t length; /* fill: bytes in each record */
    int verbose;     /* fill: a line after each commit */
    int fill_option; /* --batch or --verbose was given */
};

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [OPTIONS] COMMAND FILE [ARGS]\n"
        "An append-only log of records, written and read through a shared mapping.\n"
        "  append FILE TEXT...  append one record per TEXT, then commit them together\n"
        "  fill FILE N          append N generated records, committing every --batch\n"
        "  list FILE            print the committed records, one per line, oldest first\n"
        "  check FILE           verify the header and every committed record\n"
        "Options:\n"
        "  --grow ftruncate|fallocate    how the file grows (default fallocate)\n"
        "  --chunk BYTES                 grow by this much, whole pages (default 64K)\n"
        "  --remap reserve|mremap|unmap  how the mapping follows the file (default mremap)\n"
        "  --reserve BYTES               address space for --remap reserve (default 1G)\n"
        "  --sync msync|fdatasync|fsync  how a commit waits for the disk (default msync)\n"
        "  --batch B                     fill: commit every B records (default 1)\n"
        "  --length L                    fill: L bytes in each record (default 56)\n"
        "  -v, --verbose                 fill: print 'committed N' after each commit\n"
        "  -h, --help                    print this help\n"
        "Put -- before a TEXT that starts with '-'.\n",
        program_name());
}

/* An option's value, checked: returns 0, or EXIT_USAGE after a message. */
static int option_value(int c, const char *arg, struct options *o)
{
    uint64_t n;
    switch (c) {
    case 'g':
        if (grow_parse(arg, &o->log.grow) == 0)
            return 0;
        report(arg, "not a way to grow: use ftruncate or fallocate");
        return EXIT_USAGE;
    case 'r':
        if (remap_parse(arg, &o->log.remap) == 0)
            return 0;
        report(arg, "not a way to remap: use reserve, mremap or unmap");
        return EXIT_USAGE;
    case 's':
        if (sync_parse(arg, &o->log.sync) == 0)
            return 0;
        report(arg, "not a way to sync: use msync, fdatasync or fsync");
        return EXIT_USAGE;
    case 'c':
    case 'R':
        if (parse_bytes(arg, (uint64_t)1 << 40, &n) != 0) {
            report(arg, "%s", parse_error(errno));
            return EXIT_USAGE;
        }
        if (n == 0 || n % page_size() != 0) {
            report(arg, "must be a whole number of %zu-byte pages", page_size());
            return EXIT_USAGE;
        }
        *(c == 'c' ? &o->log.chunk : &o->log.reserve) = n;
        return 0;
    case 'b':
        o->fill_option = 1;
        if (parse_u64(arg, UINT32_MAX, &o->batch) != 0 || o->batch == 0) {
            report(arg, "%s", o->batch == 0 && errno != ERANGE ? "a batch is at least 1 record"
                                                               : parse_error(errno));
            return EXIT_USAGE;
        }
        return 0;
    case 'l':
        o->fill_option = 1;
        if (parse_u64(arg, RECORD_MAX, &o->length) != 0 || o->length < FILL_MIN) {
            report(arg, "a record length from %d to %d bytes", FILL_MIN, RECORD_MAX);
            return EXIT_USAGE;
        }
        return 0;
    }
    return EXIT_USAGE;
}

/* Returns EXIT_OK, EXIT_USAGE, or -1 after --help. */
static int parse_options(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        {"grow", required_argument, NULL, 'g'},  {"chunk", required_argument, NULL, 'c'},
        {"remap", required_argument, NULL, 'r'}, {"reserve", required_argument, NULL, 'R'},
        {"sync", required_argument, NULL, 's'},  {"batch", required_argument, NULL, 'b'},
        {"length", required_argument, NULL, 'l'}, {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *o = (struct options){ .log = log_defaults, .batch = 1, .length = FILL_LENGTH };
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":vh", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return -1;
        } else if (c == 'v') {
            o->verbose = o->fill_option = 1;
        } else if (c == '?' || c == ':') {
            return bad_option(c, argv);
        } else if (option_value(c, optarg, o) != 0) {
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

/* Report a failure on the log as `maplog: FILE: reason`. */
static int failed(struct log *log)
{
    report(log->path, "%s", log_error(log));
    log_close(log);
    return EXIT_FAIL;
}

static int finish(struct log *log)
{
    return log_close(log) == 0 ? EXIT_OK : failed(log);
}

/* Refuse what cannot be a record before the log is even opened. */
static int check_texts(char **texts, int n)
{
    for (int i = 0; i < n; i++) {
        size_t length = strlen(texts[i]);
        if (length > RECORD_MAX) {
            report("TEXT", "record too long: %zu bytes, at most %d", length, RECORD_MAX);
            return EXIT_USAGE;
        }
        if (memchr(texts[i], '\n', length) != NULL) {
            report("TEXT", "holds a newline: list prints one record per line");
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

static int command_append(const char *path, char **texts, int n, const struct options *o)
{
    int status = check_texts(texts, n);
    if (status != EXIT_OK)
        return status;
    struct log log;
    if (log_open(&log, path, 1, 1, &o->log) != 0)
        return failed(&log);
    for (int i = 0; i < n; i++)
        if (log_append(&log, texts[i], strlen(texts[i])) != 0)
            return failed(&log);
    if (log_commit(&log) != 0)
        return failed(&log);
    struct walk w;
    if (log_walk(&log, NULL, NULL, &w) != 0)
        return failed(&log);
    printf("appended %d record%s; the log holds %lu\n", n, n == 1 ? "" : "s", w.records);
    return finish(&log);
}

/* Record number @n of a fill: the same bytes on every run, so a test can
 * say which records a log must hold. */
static void fill_record(char *buf, size_t length, uint64_t n)
{
    char head[32];
    int k = snprintf(head, sizeof head, "record %010" PRIu64 " ", n);
    memcpy(buf, head, (size_t)k < length ? (size_t)k : length);
    if ((size_t)k < length)
        memset(buf + k, '.', length - (size_t)k);
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* region: fill */
static int command_fill(const char *path, uint64_t n, const struct options *o)
{
    struct log log;
    struct walk w;
    if (log_open(&log, path, 1, 1, &o->log) != 0 || log_walk(&log, NULL, NULL, &w) != 0)
        return failed(&log);
    uint64_t first = w.records + 1; /* numbering goes on from the records already there */
    char *record = malloc(o->length);
    if (record == NULL) {
        report("malloc", "%s", strerror(errno));
        log_close(&log);
        return EXIT_FAIL;
    }
    int status = EXIT_FAIL;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (uint64_t i = 0; i < n; i++) {
        fill_record(record, o->length, first + i);
        if (log_append(&log, record, o->length) != 0)
            goto out;
        if ((i + 1) % o->batch == 0 || i + 1 == n) {
            if (log_commit(&log) != 0)
                goto out;
            if (o->verbose) {
                printf("committed %" PRIu64 "\n", first + i);
                fflush(stdout);
            }
        }
        if ((i & 0xffff) == 0xffff)
            progress("fill: %" PRIu64 " of %" PRIu64 " records", i + 1, n);
    }
    double s = seconds_since(&start);
    /* end region: fill */
    printf("appended:  %" PRIu64 " records in %.3f s, %.0f appends/s\n", n, s,
           s > 0 ? (double)n / s : 0.0);
    printf("grew:      %lu %s by %s, in %" PRIu64 "-byte chunks, to %" PRIu64 " bytes: %.3f ms\n",
           log.growths, log.growths == 1 ? "time" : "times", grow_name(o->log.grow), o->log.chunk,
           log.size, (double)log.grow_ns / 1e6);
    printf("remapped:  %lu %s by %s, %lu of them to a new address: %.3f ms\n", log.view.remaps,
           log.view.remaps == 1 ? "time" : "times", remap_name(o->log.remap), log.view.moves,
           (double)log.remap_ns / 1e6);
    printf("committed: %lu %s (every %" PRIu64 " records) with %s; the log holds %" PRIu64
           " records\n", log.commits, log.commits == 1 ? "time" : "times", o->batch,
           sync_name(o->log.sync), first + n - 1);
    status = EXIT_OK;
out:
    progress_done();
    free(record);
    return status == EXIT_OK ? finish(&log) : failed(&log);
}

static int command_list(const char *path, const struct options *o)
{
    struct log log;
    struct walk w;
    if (log_open(&log, path, 0, 0, &o->log) != 0)
        return failed(&log);
    if (log_list(&log, stdout, &w) != 0) {
        report(path, "record %lu at offset %" PRIu64 ": %s", w.records + 1, w.offset,
               log_error(&log));
        log_close(&log);
        return EXIT_FAIL;
    }
    return finish(&log);
}

static int command_check(const char *path, const struct options *o)
{
    struct log log;
    struct check_result r;
    if (log_open(&log, path, 0, 0, &o->log) != 0)
        return failed(&log);
    if (log_check(&log, &r) != 0 && r.walk_done)
        return failed(&log);
    if (!r.walk_done) {
        report(path, "record %lu at offset %" PRIu64 ": %s", r.walk.records + 1, r.walk.offset,
               log_error(&log));
        log_close(&log);
        return EXIT_FAIL;
    }
    printf("%s: sound: %lu records, %" PRIu64 " bytes committed, %" PRIu64 "-byte file\n", path,
           r.walk.records, log.committed, log.size);
    if (r.tail_nonzero > 0)
        printf("%s: ignored: %" PRIu64 " non-zero bytes past the committed end, from offset %"
               PRIu64 " (an append that was never committed)\n", path, r.tail_nonzero,
               r.tail_first);
    return finish(&log);
}

/* The command and its operands: returns the exit status. */
static int run_command(int argc, char **argv, const struct options *o)
{
    static const char *const commands[] = {"append", "fill", "list", "check"};
    static const int operands[] = {3, 3, 2, 2}; /* with the command; append takes more */
    if (argc < 1) {
        report("COMMAND", "missing (try --help)");
        return EXIT_USAGE;
    }
    int k = 0;
    while (k < 4 && strcmp(argv[0], commands[k]) != 0)
        k++;
    if (k == 4) {
        report(argv[0], "unknown command (try --help)");
        return EXIT_USAGE;
    }
    if (argc < operands[k]) {
        report(argc < 2 ? "FILE" : k == 0 ? "TEXT" : "N", "missing argument (try --help)");
        return EXIT_USAGE;
    }
    if (argc > operands[k] && k != 0) {
        report(argv[operands[k]], "too many arguments (try --help)");
        return EXIT_USAGE;
    }
    if (o->fill_option && k != 1) {
        report(argv[0], "--batch, --length and --verbose are for fill only");
        return EXIT_USAGE;
    }
    if (k == 0)
        return command_append(argv[1], argv + 2, argc - 2, o);
    if (k == 2)
        return command_list(argv[1], o);
    if (k == 3)
        return command_check(argv[1], o);
    uint64_t n;
    if (parse_u64(argv[2], UINT64_MAX / 2, &n) != 0) {
        report(argv[2], "%s", parse_error(errno));
        return EXIT_USAGE;
    }
    return command_fill(argv[1], n, o);
}

int main(int argc, char **argv)
{
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    struct options o;
    int status = parse_options(argc, argv, &o);
    if (status < 0)
        return program_finish(EXIT_OK);
    if (status == EXIT_OK)
        status = run_command(argc - optind, argv + optind, &o);
    return program_finish(status);
}
