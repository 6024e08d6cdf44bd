/* mapedit: change bytes of a file in place through a mapping, the way the
 * article assigns obj[1] = 'a' and obj[1:4] = 'abc', then read the file back
 * with pread() to prove where the bytes went. */
#include "bytes.h"
#include "fileio.h"
#include "mapping.h"
#include "parse.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Bytes shown on each side of the edit, so the reader sees it in context. */
enum { CONTEXT = 8 };

struct edit {
    const char *path;
    const char *offset_text; /* OFFSET as given, for messages */
    uint64_t offset;
    const unsigned char *text;
    size_t length;
    int private_map; /* --private: MAP_PRIVATE instead of MAP_SHARED */
    int sync;        /* 0 with --no-sync: skip msync() */
};

/* The bytes [start, end) that the program prints before and after the edit. */
struct window {
    size_t start;
    size_t end;
};

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [-p|--private] [-n|--no-sync] FILE OFFSET TEXT\n"
        "Map FILE read-write, write TEXT over the bytes at OFFSET, msync, unmap,\n"
        "then read the bytes back with pread() to show what reached the file.\n"
        "TEXT must fit inside the file: a mapping cannot make a file longer.\n"
        "  -p, --private  map with MAP_PRIVATE: the edit stays in this process\n"
        "  -n, --no-sync  skip msync(): unmap with the edit only in the page cache\n"
        "  -h, --help     print this help\n"
        "Put -- before a TEXT that starts with '-'.\n",
        program_name());
}

/* Options and operands, checked before the file is even opened: a usage
 * error touches nothing. Returns EXIT_OK, EXIT_USAGE, or -1 after --help. */
static int parse_arguments(int argc, char **argv, struct edit *e)
{
    static const struct option longopts[] = {
        {"private", no_argument, NULL, 'p'},
        {"no-sync", no_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    static const char *const operands[] = {"FILE", "OFFSET", "TEXT"};
    memset(e, 0, sizeof *e);
    e->sync = 1;
    int c;
    opterr = 0; /* we print our own one-line messages */
    while ((c = getopt_long(argc, argv, "pnh", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return -1;
        } else if (c == 'p') {
            e->private_map = 1;
        } else if (c == 'n') {
            e->sync = 0;
        } else {
            report(argv[optind - 1], "unknown option (try --help)");
            return EXIT_USAGE;
        }
    }
    int left = argc - optind;
    if (left < 3) {
        report(operands[left], "missing argument (try --help)");
        return EXIT_USAGE;
    }
    if (left > 3) {
        report(argv[optind + 3], "too many arguments (try --help)");
        return EXIT_USAGE;
    }
    e->path = argv[optind];
    e->offset_text = argv[optind + 1];
    e->text = (const unsigned char *)argv[optind + 2];
    e->length = strlen(argv[optind + 2]);
    if (parse_u64(e->offset_text, UINT64_MAX, &e->offset) != 0) {
        report(e->offset_text, "%s", parse_error(errno));
        return EXIT_USAGE;
    }
    if (e->length == 0) {
        report("TEXT", "is empty: there is nothing to write");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* region: fits */
/* An edit through a mapping can only overwrite bytes the file already has:
 * storing past the end of the file either changes nothing (in the last
 * page's tail) or raises SIGBUS (beyond it). So refuse it here. */
static int check_fits(const struct edit *e, size_t size)
{
    if (e->offset >= size) {
        report(e->offset_text, "offset out of range for a %zu-byte file", size);
        return -1;
    }
    if (e->length > size - (size_t)e->offset) {
        report(e->path, "%zu bytes at offset %" PRIu64 " do not fit in a %zu-byte file:"
               " a mapping cannot make a file longer", e->length, e->offset, size);
        return -1;
    }
    return 0;
}
/* end region: fits */

/* region: open-checked */
/* Open, check the file is mappable and the edit fits, all before any
 * mapping exists. A shared mapping that may be written needs a descriptor
 * open for writing; a private one writes only its own copies, so reading
 * is enough. Returns the descriptor, kept open for the read-back. */
static int open_checked(const struct edit *e, size_t *size)
{
    int flags = (e->private_map ? O_RDONLY : O_RDWR) | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    int fd = open(e->path, flags);
    if (fd < 0) {
        report_errno(e->path, errno);
        return -1;
    }
    const char *why;
    if (check_mappable(fd, size, &why) != 0) {
        report(e->path, "%s", why);
        close(fd);
        return -1;
    }
    if (check_fits(e, *size) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}
/* end region: open-checked */

static struct window window_around(const struct edit *e, size_t size)
{
    size_t offset = (size_t)e->offset;
    struct window w;
    w.start = offset > CONTEXT ? offset - CONTEXT : 0;
    w.end = size - offset - e->length > CONTEXT ? offset + e->length + CONTEXT : size;
    return w;
}

static void show(const char *label, const unsigned char *bytes, struct window w, const char *note)
{
    printf("%-8s [%zu:%zu] = ", label, w.start, w.end);
    print_escaped(stdout, bytes, w.end - w.start);
    printf("%s\n", note);
}

/* region: edit */
/* Map the whole file, assign TEXT at OFFSET, flush, unmap. Keeps a copy of
 * the window as it was, in @before, for the read-back to compare against. */
static int edit_through_mapping(int fd, size_t size, const struct edit *e, struct window w,
                                unsigned char *before)
{
    int flags = e->private_map ? MAP_PRIVATE : MAP_SHARED;
    unsigned char *data = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, fd, 0);
    if (data == MAP_FAILED) {
        report(e->path, "mmap: %s", strerror(errno));
        return -1;
    }
    memcpy(before, data + w.start, w.end - w.start);
    show("before:", before, w, "");

    memcpy(data + e->offset, e->text, e->length); /* obj[1:4] = 'abc' */
    show("mapping:", data + w.start, w, "");

    int status = 0;
    if (!e->sync) {
        printf("msync:   skipped (--no-sync)\n");
    } else if (msync(data, size, MS_SYNC) != 0) {
        report(e->path, "msync: %s", strerror(errno));
        status = -1;
    } else {
        printf("msync:   MS_SYNC returned 0%s\n",
               e->private_map ? " (a private mapping has nothing to write back)" : "");
    }
    if (munmap(data, size) != 0) {
        report(e->path, "munmap: %s", strerror(errno));
        status = -1;
    }
    return status;
}
/* end region: edit */

/* region: read-back */
/* Read the window back from the file with pread(), not through a mapping,
 * and check it holds what the mapping's kind promises: the edit for
 * MAP_SHARED, the old bytes for MAP_PRIVATE. */
static int read_back(int fd, const struct edit *e, struct window w, const unsigned char *before)
{
    size_t n = w.end - w.start;
    unsigned char *expected = malloc(n);
    unsigned char *file = malloc(n);
    int status = -1;
    if (expected == NULL || file == NULL) {
        report("malloc", "%s", strerror(errno));
    } else {
        memcpy(expected, before, n);
        if (!e->private_map)
            memcpy(expected + (e->offset - w.start), e->text, e->length);
        ssize_t got = pread_full(fd, file, n, (off_t)w.start);
        if (got < 0) {
            report(e->path, "pread: %s", strerror(errno));
        } else if ((size_t)got != n) {
            report(e->path, "pread: the file shrank while it was being edited");
        } else {
            show("file:", file, w, " (read with pread after munmap)");
            if (memcmp(file, expected, n) != 0) {
                report(e->path, "the file does not hold what the mapping promised");
            } else {
                printf("result:  %s\n", e->private_map ? "the file is unchanged"
                                                       : "the file holds the edit");
                status = 0;
            }
        }
    }
    free(expected);
    free(file);
    return status;
}
/* end region: read-back */

static void describe(const struct edit *e, size_t size)
{
    printf("file:    %s, %zu bytes, mapped %s with PROT_READ|PROT_WRITE\n", e->path, size,
           e->private_map ? "MAP_PRIVATE" : "MAP_SHARED");
    printf("edit:    %zu byte%s at offset %" PRIu64 ": ", e->length, e->length == 1 ? "" : "s",
           e->offset);
    print_escaped(stdout, e->text, e->length);
    putchar('\n');
}

int main(int argc, char **argv)
{
    report_init(argv[0]);
    struct edit e;
    int status = parse_arguments(argc, argv, &e);
    if (status != EXIT_OK)
        return status < 0 ? EXIT_OK : status;

    size_t size;
    int fd = open_checked(&e, &size);
    if (fd < 0)
        return EXIT_FAIL;
    struct window w = window_around(&e, size);
    unsigned char *before = malloc(w.end - w.start);
    if (before == NULL) {
        report("malloc", "%s", strerror(errno));
        close(fd);
        return EXIT_FAIL;
    }
    describe(&e, size);
    status = EXIT_FAIL;
    if (edit_through_mapping(fd, size, &e, w, before) == 0 && read_back(fd, &e, w, before) == 0)
        status = EXIT_OK;
    free(before);
    if (close(fd) != 0) {
        report(e.path, "close: %s", strerror(errno));
        status = EXIT_FAIL;
    }
    return status;
}
