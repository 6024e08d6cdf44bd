/* mapview: map a file read-only, then look at it the way Python's mmap
 * object lets you: by index, by slice and with find. */
#include "bytes.h"
#include "mapping.h"
#include "parse.h"
#include "report.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct request {
    char option;      /* 'i', 's' or 'f' */
    const char *text; /* the option's argument as given */
    int64_t index;    /* -i: may be negative, counting from the end as in Python */
    uint64_t start;   /* -s: [start, end) */
    uint64_t end;
};

static void usage(FILE *out)
{
    fprintf(out,
        "usage: %s [-i INDEX] [-s START:END] [-f NEEDLE] FILE\n"
        "Map FILE read-only and print its size, the page size and the pages mapped.\n"
        "  -i, --index INDEX     print the byte at INDEX (negative counts from the end)\n"
        "  -s, --slice START:END print the bytes in [START, END)\n"
        "  -f, --find NEEDLE     print the offset of the first NEEDLE, or say it is absent\n"
        "  -h, --help            print this help\n"
        "Options may be repeated; they are answered in order.\n",
        program_name());
}

/* "START:END", both plain non-negative numbers, START <= END. */
static int parse_slice(const char *text, uint64_t *start, uint64_t *end)
{
    const char *colon = strchr(text, ':');
    if (colon == NULL || colon == text || colon[1] == '\0') {
        errno = EINVAL;
        return -1;
    }
    char first[32];
    size_t n = (size_t)(colon - text);
    if (n >= sizeof first) {
        errno = ERANGE;
        return -1;
    }
    memcpy(first, text, n);
    first[n] = '\0';
    if (parse_u64(first, UINT64_MAX, start) != 0 || parse_u64(colon + 1, UINT64_MAX, end) != 0)
        return -1;
    return 0;
}

/* region: find */
/* The first offset of needle in haystack, or -1: what Python's mmap.find returns. */
static long long find_bytes(const unsigned char *haystack, size_t size,
                            const unsigned char *needle, size_t length)
{
    if (length == 0 || length > size)
        return -1;
    const unsigned char *p = haystack;
    const unsigned char *last = haystack + (size - length);
    while (p <= last) {
        p = memchr(p, needle[0], (size_t)(last - p) + 1);
        if (p == NULL)
            return -1;
        if (memcmp(p, needle, length) == 0)
            return (long long)(p - haystack);
        p++;
    }
    return -1;
}
/* end region: find */

/* region: page-tail */
/* Bytes between the end of the file and the end of its last page belong to
 * the mapping, read as zeros, and are never written back to the file. */
static size_t count_nonzero_tail(const struct mapped_file *mf)
{
    size_t nonzero = 0;
    for (size_t i = mf->size; i < mf->length; i++)
        nonzero += mf->data[i] != 0;
    return nonzero;
}
/* end region: page-tail */

static void print_summary(const char *path, const struct mapped_file *mf)
{
    size_t tail = mf->length - mf->size;
    printf("file:  %s\n", path);
    printf("size:  %zu bytes\n", mf->size);
    printf("page:  %zu bytes\n", page_size());
    printf("pages: %zu mapped (%zu bytes)\n", mf->length / page_size(), mf->length);
    printf("tail:  %zu bytes past the end of the file, %s\n", tail,
           count_nonzero_tail(mf) == 0 ? "all zero" : "NOT all zero");
}

/* Python's obj[i]: a negative index counts back from the end. -1 if out of range. */
static int64_t resolve_index(int64_t index, size_t size)
{
    int64_t i = index < 0 ? (int64_t)size + index : index;
    return i >= 0 && (uint64_t)i < size ? i : -1;
}

/* Every request is checked against the file's size before any is answered,
 * so a bad one produces its error and nothing else. */
static int check_request(const struct request *r, size_t size)
{
    if (r->option == 'i' && resolve_index(r->index, size) < 0) {
        report(r->text, "index out of range for a %zu-byte file", size);
        return -1;
    }
    /* Unlike Python, which clips a slice silently, we refuse one past the end. */
    if (r->option == 's' && r->end > size) {
        report(r->text, "slice out of range for a %zu-byte file", size);
        return -1;
    }
    return 0;
}

/* region: answer */
static void answer(const struct request *r, const struct mapped_file *mf)
{
    const unsigned char *bytes = mf->data;
    switch (r->option) {
    case 'i': {
        int64_t i = resolve_index(r->index, mf->size);
        printf("[%s] = %u ", r->text, bytes[i]);
        print_escaped(stdout, &bytes[i], 1);
        putchar('\n');
        break;
    }
    case 's':
        printf("[%s] = ", r->text);
        print_escaped(stdout, bytes + r->start, (size_t)(r->end - r->start));
        putchar('\n');
        break;
    default: {
        long long at = find_bytes(bytes, mf->size, (const unsigned char *)r->text,
                                  strlen(r->text));
        printf("find(");
        print_escaped(stdout, (const unsigned char *)r->text, strlen(r->text));
        if (at < 0)
            printf(") = -1 (not found)\n");
        else
            printf(") = %lld\n", at);
        break;
    }
    }
}
/* end region: answer */

/* Check every option before touching the file: a usage error changes nothing. */
static int parse_request(struct request *r, int option, const char *text)
{
    memset(r, 0, sizeof *r);
    r->option = (char)option;
    r->text = text;
    if (option == 'i') {
        if (parse_i64(text, INT64_MIN, INT64_MAX, &r->index) != 0) {
            report(text, "%s", parse_error(errno));
            return -1;
        }
    } else if (option == 's') {
        if (parse_slice(text, &r->start, &r->end) != 0) {
            report(text, "%s", errno == ERANGE ? parse_error(errno)
                                               : "a slice is START:END, two numbers");
            return -1;
        }
        if (r->start > r->end) {
            report(text, "reversed slice: START is after END");
            return -1;
        }
    } else if (*text == '\0') {
        report("-f", "the needle is empty");
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'},
        {"slice", required_argument, NULL, 's'},
        {"find", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    report_init(argv[0]);
    struct request *requests = calloc((size_t)argc, sizeof *requests);
    if (requests == NULL) {
        report("calloc", "%s", strerror(errno));
        return EXIT_FAIL;
    }
    size_t count = 0;
    int status = EXIT_OK;
    int c;
    opterr = 0; /* we print our own one-line messages */
    while (status == EXIT_OK && (c = getopt_long(argc, argv, ":i:s:f:h", longopts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            free(requests);
            return EXIT_OK;
        } else if (c == ':') {
            report(argv[optind - 1], "option needs an argument (try --help)");
            status = EXIT_USAGE;
        } else if (c == '?') {
            report(argv[optind - 1], "unknown option (try --help)");
            status = EXIT_USAGE;
        } else if (parse_request(&requests[count++], c, optarg) != 0) {
            status = EXIT_USAGE;
        }
    }
    if (status == EXIT_OK && optind != argc - 1) {
        report(optind < argc ? argv[optind + 1] : "FILE",
               optind < argc ? "only one FILE is allowed" : "missing argument (try --help)");
        status = EXIT_USAGE;
    }
    if (status != EXIT_OK) {
        free(requests);
        return status;
    }

    /* region: main-map */
    const char *path = argv[optind];
    struct mapped_file mf;
    const char *why;
    if (map_file_readonly(path, &mf, &why) != 0) {
        report(path, "%s", why);
        free(requests);
        return EXIT_FAIL;
    }
    for (size_t i = 0; i < count && status == EXIT_OK; i++)
        if (check_request(&requests[i], mf.size) != 0)
            status = EXIT_FAIL;
    if (status == EXIT_OK) {
        print_summary(path, &mf);
        for (size_t i = 0; i < count; i++)
            answer(&requests[i], &mf);
    }
    if (unmap_file(&mf) != 0) {
        report(path, "munmap: %s", strerror(errno));
        status = EXIT_FAIL;
    }
    /* end region: main-map */
    free(requests);
    return status;
}
