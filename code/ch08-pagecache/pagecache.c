/* pagecache: look at a file's pages in the page cache, and measure what a
 * scan through a mapping costs under each madvise() hint.
 *
 *   pagecache show FILE          the file's residency as a strip, and a count
 *   pagecache scan FILE [...]    evict, map, advise, touch, count, draw
 *
 * The parts, one concept each, are in lib/: strip (mincore and the strip),
 * evict, order, hints, faults, rss, snapshots, svg, scan, output. */
#include "datafile.h"
#include "evict.h"
#include "mapping.h"
#include "output.h"
#include "parse.h"
#include "program.h"
#include "blockdev.h"
#include "report.h"
#include "residency.h"
#include "scan.h"
#include "strip.h"
#include "svg.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Everything the command line asked for. */
struct request {
    const char *command, *path, *svg;
    struct scan_options scan;
    int csv, scan_only; /* scan_only: an option show does not take was given */
    uint64_t create_size;
};

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s show FILE [--cold] [--size SIZE]\n"
        "       %s scan FILE [--order ORDER] [--advise ADVICE] [--populate HOW]\n"
        "                    [--cold] [--every K] [--wait MS] [--csv] [--svg OUT] [--size SIZE]\n"
        "show: the file's pages in the page cache (mincore), as a strip and a count.\n"
        "scan: map the file, give the advice, touch every page once in ORDER, and\n"
        "report major and minor faults, time, and residency while it ran.\n"
        "  -o, --order ORDER     sequential (default), random, or stride:N\n"
        "  -a, --advise ADVICE   normal (default), sequential, random, willneed, or\n"
        "                        dontneed (given after the touches)\n"
        "  -p, --populate HOW    map (MAP_POPULATE) or madvise (MADV_POPULATE_READ,\n"
        "                        Linux 5.14 and later; skipped where unknown)\n"
        "  -c, --cold            (show, scan) evict the file first (fsync,\n"
        "                        POSIX_FADV_DONTNEED), and\n"
        "                        fail if its pages stay (tmpfs, /dev/shm)\n"
        "  -e, --every K         a residency snapshot every K touched pages (default:\n"
        "                        16 snapshots)\n"
        "  -w, --wait MS         after the advice, wait MS milliseconds (watching the\n"
        "                        residency) before the first touch\n"
        "      --csv             one CSV line with a header instead of the text\n"
        "      --svg OUT         draw the snapshots into OUT, one row each\n"
        "  -s, --size SIZE       if FILE does not exist, create it with SIZE random bytes\n"
        "  -h, --help            print this help\n"
        "Exit status: 0 on success, 1 on failure, 2 on misuse.\n",
        program_name(), program_name());
}

/* "subject: what: reason", the reason from errno. */
static void report_call(const char *subject, const char *what)
{
    report(subject, "%s: %s", what, strerror(errno));
}

/* The data file the demonstration measures: created once, atomically. */
static int create_if_missing(const char *path, uint64_t size)
{
    if (size == 0 || access(path, F_OK) == 0)
        return 0;
    if (make_parent_dirs(path) != 0 || (create_random_file(path, size, 1) != 0 && errno != EEXIST)) {
        report_call(path, "cannot create");
        return -1;
    }
    return 0;
}

/* Open and check the file; report why not. Returns the descriptor or -1. */
static int open_mappable(const char *path, size_t *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        report_call(path, "cannot open");
        return -1;
    }
    const char *why;
    if (check_mappable(fd, size, &why) != 0) {
        report(path, "%s", why);
        close(fd);
        return -1;
    }
    return fd;
}

/* region: show */
/* Why a file is not cold after --cold; the same words for show and scan. */
static void report_not_cold(const char *path, int known, size_t left, size_t pages)
{
    if (!known)
        report(path, "--cold: cannot check the eviction: mincore() reports every page "
               "resident to a user who neither owns the file nor may write to it");
    else
        report(path, "cannot be evicted: %zu of %zu pages still resident after "
               "POSIX_FADV_DONTNEED (a file system that keeps files in memory, such as tmpfs)",
               left, pages);
}

/* Map without touching, evict if asked, ask mincore(), draw. */
static int show_mapped(const char *path, int fd, const void *map, size_t size, int cold)
{
    size_t pages = (size + page_size() - 1) / page_size(), left = 0;
    int known = residency_known(fd) == 1;
    unsigned char *vec = malloc(pages);
    if (vec == NULL) {
        report_call(path, "malloc");
        return EXIT_FAIL;
    }
    int status = EXIT_FAIL;
    long resident = -1;
    if (cold && known && evict_pages(fd, map, size, vec, &left) != 0)
        report_call(path, "evict");
    else if (cold && (!known || left > 0))
        report_not_cold(path, known, left, pages);
    else if ((resident = residency_capture(map, size, vec)) < 0)
        report_call(path, "mincore");
    else if (!known) {
        printf("%s: %zu pages, residency unknown: mincore() reports every page resident to a "
               "user who neither owns the file nor may write to it\n", path, pages);
        status = EXIT_OK;
    } else {
        printf("%s: %zu pages, %ld resident (one cell = %zu pages)\n", path, pages, resident,
               strip_pages_per_cell(pages, 64));
        strip_print(stdout, vec, pages, 64);
        status = EXIT_OK;
    }
    free(vec);
    return status;
}

static int show(const char *path, int cold)
{
    size_t size;
    int fd = open_mappable(path, &size);
    if (fd < 0)
        return EXIT_FAIL;
    void *map = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0); /* asked, never touched */
    int status = EXIT_FAIL;
    if (map == MAP_FAILED)
        report_call(path, "mmap");
    else {
        status = show_mapped(path, fd, map, size, cold);
        munmap(map, size);
    }
    close(fd);
    return status;
}
/* end region: show */

static int write_svg(const char *out, const struct snapshots *snaps, const struct request *q)
{
    char title[160], order[32];
    snprintf(title, sizeof title, "Residency during a %s scan, advice %s",
             order_name(&q->scan.order, order, sizeof order), advice_name(q->scan.advice));
    FILE *f = fopen(out, "w");
    if (f == NULL) {
        report_call(out, "cannot create");
        return -1;
    }
    int bad = svg_write(f, snaps, title) != 0;
    int saved = errno;
    if (fclose(f) != 0 || bad) {
        errno = bad ? saved : errno;
        report_call(out, "write error");
        return -1;
    }
    return 0;
}

/* A scan that did not finish, in one line. */
static void report_unfinished(const char *path, const struct scan_result *r)
{
    switch (r->status) {
    case SCAN_NOT_EVICTED:
    case SCAN_UNCHECKABLE:
        report_not_cold(path, r->status == SCAN_NOT_EVICTED, (size_t)r->resident_before,
                        r->pages);
        break;
    case SCAN_SHRANK:
        report(path, "the file shrank while being scanned: page %zu is past its end",
               r->fault_page);
        break;
    default:
        report_call(path, r->failed_call);
    }
}

static int scan(const struct request *q)
{
    size_t size;
    int fd = open_mappable(q->path, &size);
    if (fd < 0)
        return EXIT_FAIL;
    struct snapshots snaps;
    struct scan_result r;
    int rc = scan_file(fd, size, &q->scan, &snaps, &r);
    close(fd);
    int status = EXIT_OK;
    if (rc != 0) {
        report_unfinished(q->path, &r);
        status = EXIT_FAIL;
    } else if (q->svg != NULL && !r.known) {
        report(q->svg, "no picture: the residency of %s is unknown to this user", q->path);
        status = EXIT_FAIL;
    } else if (q->svg != NULL && write_svg(q->svg, &snaps, q) != 0) {
        status = EXIT_FAIL;
    } else {
        if (r.populate_skipped)
            report("MADV_POPULATE_READ", "unknown to this kernel (Linux 5.14 and later); "
                   "scanned without it");
        if (q->csv) {
            print_scan_csv(stdout, &q->scan, &r);
        } else {
            long ra;
            printf("file: %s, %zu pages of %zu bytes; read_ahead_kb: ", q->path, r.pages,
                   page_size());
            if (read_ahead_kib(q->path, &ra) == 0)
                printf("%ld\n", ra);
            else
                printf("unknown\n");
            print_scan_text(stdout, &q->scan, &r, &snaps);
        }
    }
    snapshots_free(&snaps);
    return status;
}

/* Parse the command line into @q; returns EXIT_OK, or an exit status. */
static int parse_request(int argc, char **argv, struct request *q)
{
    enum { OPT_CSV = 256, OPT_SVG };
    static const struct option longopts[] = {
        {.name = "order", .has_arg = required_argument, .val = 'o'},
        {.name = "advise", .has_arg = required_argument, .val = 'a'},
        {.name = "populate", .has_arg = required_argument, .val = 'p'},
        {.name = "cold", .has_arg = no_argument, .val = 'c'},
        {.name = "every", .has_arg = required_argument, .val = 'e'},
        {.name = "csv", .has_arg = no_argument, .val = OPT_CSV},
        {.name = "svg", .has_arg = required_argument, .val = OPT_SVG},
        {.name = "wait", .has_arg = required_argument, .val = 'w'},
        {.name = "size", .has_arg = required_argument, .val = 's'},
        {.name = "help", .has_arg = no_argument, .val = 'h'},
        {0},
    };
    int c;
    uint64_t n;
    opterr = 0; /* we print our own one-line messages */
    while ((c = getopt_long(argc, argv, ":o:a:p:ce:w:s:h", longopts, NULL)) != -1) {
        q->scan_only |= c != 's' && c != 'h' && c != 'c';
        if (c == 'h') {
            usage(stdout);
            return -1;
        } else if (c == 'o' && order_parse(optarg, &q->scan.order) != 0) {
            report("--order", "'%s': not sequential, random or stride:N (N from 1)", optarg);
            return EXIT_USAGE;
        } else if (c == 'a' && advice_parse(optarg, &q->scan.advice) != 0) {
            report("--advise", "'%s': not normal, sequential, random, willneed or dontneed",
                   optarg);
            return EXIT_USAGE;
        } else if (c == 'p' && populate_parse(optarg, &q->scan.populate) != 0) {
            report("--populate", "'%s': not map or madvise", optarg);
            return EXIT_USAGE;
        } else if (c == 'c') {
            q->scan.cold = 1;
        } else if (c == 'e') {
            errno = 0;
            if (parse_u64(optarg, SIZE_MAX, &n) != 0 || n == 0) {
                report("--every", "'%s': %s", optarg,
                       errno == 0 ? "must be at least 1" : parse_error(errno));
                return EXIT_USAGE;
            }
            q->scan.every = (size_t)n;
        } else if (c == 'w') {
            if (parse_u64(optarg, 60000, &n) != 0) {
                report("--wait", "'%s': not a number of milliseconds up to 60000", optarg);
                return EXIT_USAGE;
            }
            q->scan.wait_ms = (unsigned)n;
        } else if (c == OPT_CSV) {
            q->csv = 1;
        } else if (c == OPT_SVG) {
            q->svg = optarg;
        } else if (c == 's') {
            if (parse_bytes(optarg, (uint64_t)1 << 34, &q->create_size) != 0 || q->create_size == 0) {
                report("--size", "'%s': not a size from 1 byte to 16G", optarg);
                return EXIT_USAGE;
            }
        } else if (c == '?' || c == ':') {
            return bad_option(c, argv);
        }
    }
    if (argc - optind != 2) {
        report(argc - optind < 2 ? "usage" : argv[optind + 2],
               argc - optind < 2 ? "a command (show or scan) and a FILE are needed (try --help)"
                                 : "unexpected argument (try --help)");
        return EXIT_USAGE;
    }
    q->command = argv[optind];
    q->path = argv[optind + 1];
    if (strcmp(q->command, "show") != 0 && strcmp(q->command, "scan") != 0) {
        report(q->command, "unknown command: not show or scan (try --help)");
        return EXIT_USAGE;
    }
    if (strcmp(q->command, "show") == 0 && q->scan_only) {
        report("show", "takes no scan options, only --cold and --size (try --help)");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    if (program_start(argv[0]) != 0)
        return EXIT_FAIL;
    struct request q = {.scan = {.order = {.kind = ORDER_SEQUENTIAL}, .seed = 8}};
    int status = parse_request(argc, argv, &q);
    if (status < 0)
        return program_finish(EXIT_OK); /* --help */
    if (status != EXIT_OK)
        return program_finish(status);
    if (create_if_missing(q.path, q.create_size) != 0)
        return program_finish(EXIT_FAIL);
    status = strcmp(q.command, "show") == 0 ? show(q.path, q.scan.cold) : scan(&q);
    return program_finish(status);
}
