/* sharemap: start N worker processes that each hold the whole of one file,
 * either through a read-only mapping or in a buffer of their own, and ask the
 * kernel what that costs: Rss, Pss and private memory from /proc.
 *
 * This file is the program's options and main. The rest lives in lib/: a
 * worker (worker.c), the parent's side (workers.c), one round (round.c),
 * reading /proc (smaps.c) and printing (print.c). */
#include "config.h"
#include "print.h"
#include "round.h"

#include "datafile.h"
#include "mapping.h"
#include "parse.h"
#include "program.h"
#include "progress.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The seed of the data file: the same bytes on every machine. */
#define SHARE_SEED UINT64_C(0x9E3779B97F4A7C15)

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [--procs N] [--size BYTES] [--mode mmap|read|both] [--csv] [FILE]\n"
        "Start N worker processes that each hold all of FILE, then report the\n"
        "memory each one costs (Rss, Pss, private) as the kernel accounts it,\n"
        "and how many copies of the file are in memory.\n"
        "  -p, --procs N         workers, from 1 to %d (default %d)\n"
        "  -s, --size BYTES      size of FILE if it must be created: random bytes,\n"
        "                        1 to 1G, suffix K, M or G (default 64M); if FILE\n"
        "                        exists, it must have this size\n"
        "  -m, --mode MODE       mmap: each worker maps FILE read-only and reads every page;\n"
        "                        read: each worker read()s FILE into its own buffer;\n"
        "                        both: mmap, then read (default mmap)\n"
        "  -w, --writer KIND     (mmap mode) worker 0 also stores into every page:\n"
        "                        private: through MAP_PRIVATE (copy-on-write, FILE unchanged);\n"
        "                        shared: through MAP_SHARED, flipping one byte per page\n"
        "                        of FILE, then every worker checksums again\n"
        "  -c, --csv             print %s\n"
        "      --hold            keep the workers alive until a line (or end of file)\n"
        "                        arrives on stdin, so other tools can inspect them\n"
        "  -h, --help            print this help\n"
        "FILE defaults to %s; it may be at most 1G.\n",
        program_name(), MAX_PROCS, DEFAULT_PROCS, CSV_HEADER, DEFAULT_FILE);
}

/* ---- the file ---------------------------------------------------------- */

static int create_file(const struct config *c)
{
    if (strcmp(c->path, DEFAULT_FILE) == 0 && make_parent_dirs(c->path) != 0) {
        report(c->path, "cannot create its directory: %s", strerror(errno));
        return -1;
    }
    progress("creating %s: %" PRIu64 " random bytes", c->path, c->size);
    int rc = create_random_file(c->path, c->size, SHARE_SEED);
    int err = errno;
    progress_done();
    if (rc != 0 && err == EEXIST)
        return 0; /* another run made it meanwhile: use that one */
    if (rc != 0) {
        report(c->path, "cannot create: %s", strerror(err));
        return -1;
    }
    if (!c->csv)
        fprintf(c->out, "created %s: %" PRIu64 " random bytes\n", c->path, c->size);
    return 0;
}

/* FILE must be a non-empty regular file of at most MAX_SIZE (and of the size
 * asked for, if --size was given); a missing one is created. */
static int prepare_file(const struct config *c, size_t *size)
{
    int fd = open(c->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        if (create_file(c) != 0)
            return -1;
        fd = open(c->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    }
    if (fd < 0) {
        report_errno(c->path, errno);
        return -1;
    }
    const char *why;
    int rc = check_mappable(fd, size, &why);
    close(fd);
    if (rc != 0)
        report(c->path, "%s", why);
    else if (*size > MAX_SIZE)
        report(c->path, "%zu bytes: more than the 1G a run may hold", *size);
    else if (c->size_given && *size != c->size)
        report(c->path, "has %zu bytes, not the %" PRIu64 " asked for with --size", *size,
               c->size);
    else
        return 0;
    return -1;
}

/* ---- options ----------------------------------------------------------- */

static int parse_procs(const char *text, unsigned *procs)
{
    int64_t v;
    if (parse_i64(text, INT64_MIN, INT64_MAX, &v) != 0) {
        report(text, "%s", parse_error(errno));
        return -1;
    }
    if (v < 1 || v > MAX_PROCS) {
        report(text, "the number of workers must be from 1 to %d", MAX_PROCS);
        return -1;
    }
    *procs = (unsigned)v;
    return 0;
}

static int parse_size(const char *text, uint64_t *size)
{
    errno = 0;
    if (parse_bytes(text, MAX_SIZE, size) != 0 || *size == 0) {
        if (errno == EINVAL)
            report(text, "%s", parse_error(errno));
        else
            report(text, "the size must be from 1 byte to 1G");
        return -1;
    }
    return 0;
}

/* The index of @text in @names (NULL-terminated), or -1. */
static int lookup(const char *text, const char *const names[])
{
    for (int i = 0; names[i] != NULL; i++)
        if (strcmp(text, names[i]) == 0)
            return i;
    return -1;
}

static int parse_option(struct config *c, int option, const char *text)
{
    switch (option) {
    case 'p':
        return parse_procs(text, &c->procs);
    case 's':
        c->size_given = 1;
        return parse_size(text, &c->size);
    case 'm': {
        static const char *const modes[] = {"mmap", "read", "both", NULL};
        int i = lookup(text, modes);
        if (i < 0)
            report(text, "unknown mode: use mmap, read or both");
        c->mode = i < 0 ? c->mode : (enum mode)i; /* in enum order */
        return i < 0 ? -1 : 0;
    }
    case 'w': {
        static const char *const writers[] = {"private", "shared", NULL};
        int i = lookup(text, writers);
        if (i < 0)
            report(text, "unknown writer: use private or shared");
        c->writer = i < 0 ? c->writer : (enum writer)(i + 1); /* after WRITER_NONE */
        return i < 0 ? -1 : 0;
    }
    case 'c':
        c->csv = 1;
        return 0;
    default: /* 'H' */
        c->hold = 1;
        return 0;
    }
}

/* EXIT_OK to go on, or the status to exit with. -1 means: help was printed. */
static int parse_args(struct config *c, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"procs", required_argument, NULL, 'p'}, {"size", required_argument, NULL, 's'},
        {"mode", required_argument, NULL, 'm'},  {"writer", required_argument, NULL, 'w'},
        {"csv", no_argument, NULL, 'c'},         {"hold", no_argument, NULL, 'H'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
    };
    int opt;
    opterr = 0; /* we print our own one-line messages */
    while ((opt = getopt_long(argc, argv, ":p:s:m:w:ch", longopts, NULL)) != -1) {
        if (opt == 'h') {
            usage(stdout);
            return -1;
        } else if (opt == ':' || opt == '?') {
            return bad_option(opt, argv);
        } else if (parse_option(c, opt, optarg) != 0) {
            return EXIT_USAGE;
        }
    }
    if (argc - optind > 1) {
        report(argv[optind + 1], "only one FILE is allowed");
        return EXIT_USAGE;
    }
    if (c->writer != WRITER_NONE && c->mode != MODE_MMAP) {
        report("--writer", "needs --mode mmap: only a mapping can be written this way");
        return EXIT_USAGE;
    }
    c->path = optind < argc ? argv[optind] : DEFAULT_FILE;
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    struct config c = {
        .path = DEFAULT_FILE,
        .procs = DEFAULT_PROCS,
        .size = DEFAULT_SIZE,
        .mode = MODE_MMAP,
        .writer = WRITER_NONE,
        .out = stdout,
    };
    int status = parse_args(&c, argc, argv);
    if (status != EXIT_OK)
        return status < 0 ? program_finish(EXIT_OK) : status;
    size_t size;
    if (prepare_file(&c, &size) != 0)
        return program_finish(EXIT_FAIL);
    struct worker *w = calloc(c.procs, sizeof *w);
    if (w == NULL) {
        report("calloc", "%s", strerror(errno));
        return program_finish(EXIT_FAIL);
    }
    if (c.csv)
        fprintf(c.out, CSV_HEADER "\n");
    struct round r = {.mode = MODE_MMAP, .size = size, .w = w};
    if (c.mode != MODE_READ && run_round(&c, &r) != 0)
        status = EXIT_FAIL;
    if (status == EXIT_OK && c.mode == MODE_BOTH && !c.csv)
        fputc('\n', c.out);
    r = (struct round){.mode = MODE_READ, .size = size, .w = w};
    if (status == EXIT_OK && c.mode != MODE_MMAP && run_round(&c, &r) != 0)
        status = EXIT_FAIL;
    free(w);
    return program_finish(status);
}
