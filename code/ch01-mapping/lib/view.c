#include "view.h"

#include "bytes.h"
#include "guard.h"
#include "mapping.h"
#include "report.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* region: find */
/* The first offset of needle in haystack, or -1: what Python's mmap.find returns. */
long long find_bytes(const unsigned char *haystack, size_t size,
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
 * the mapping and read as zeros when the page is first filled from the file. */
struct tail {
    const unsigned char *bytes;
    size_t length;
    size_t nonzero;
};

static void count_nonzero(void *arg)
{
    struct tail *t = arg;
    for (size_t i = 0; i < t->length; i++)
        t->nonzero += t->bytes[i] != 0;
}

static int count_nonzero_tail(const struct mapped_file *mf, size_t *nonzero)
{
    struct tail t = {.bytes = mf->data + mf->size, .length = mf->length - mf->size};
    if (guard_run(t.bytes, t.length, count_nonzero, &t) != 0)
        return -1;
    *nonzero = t.nonzero;
    return 0;
}
/* end region: page-tail */

static int print_summary(const char *path, const struct mapped_file *mf)
{
    size_t nonzero;
    if (count_nonzero_tail(mf, &nonzero) != 0)
        return -1;
    printf("file:  %s\n", path);
    printf("size:  %zu bytes\n", mf->size);
    printf("page:  %zu bytes\n", page_size());
    printf("pages: %zu mapped (%zu bytes)\n", mf->length / page_size(), mf->length);
    printf("tail:  %zu bytes past the end of the file, %s\n", mf->length - mf->size,
           nonzero == 0 ? "all zero" : "NOT all zero");
    return 0;
}

/* Copy a slice out of the mapping a piece at a time and print each piece:
 * stdio locks and allocates, so it must not run inside a guarded call. */
static int print_slice(const char *label, const unsigned char *bytes, size_t n)
{
    unsigned char piece[4096];
    size_t done = 0;
    do {
        size_t k = n - done < sizeof piece ? n - done : sizeof piece;
        if (guarded_read(piece, bytes + done, k) != 0) {
            int err = errno; /* the caller reports it; putchar() may change it */
            if (done > 0)
                putchar('\n'); /* end the line already begun */
            errno = err;
            return -1;
        }
        if (done == 0)
            printf("[%s] = \"", label);
        print_escaped_run(stdout, piece, k);
        done += k;
    } while (done < n);
    printf("\"\n");
    return 0;
}

struct search {
    const unsigned char *haystack, *needle;
    size_t size, length;
    long long at;
};

static void search(void *arg)
{
    struct search *s = arg;
    s->at = find_bytes(s->haystack, s->size, s->needle, s->length);
}

/* region: answer */
/* Every access to the mapping goes through the guard of chapter 5, so a
 * page that cannot be read (the file shrank meanwhile, say) is an error
 * return, not death by SIGBUS. */
int answer(const struct request *r, const struct mapped_file *mf)
{
    switch (r->option) {
    case 'i': {
        unsigned char byte;
        if (guarded_read(&byte, mf->data + resolve_index(r->index, mf->size), 1) != 0)
            return -1;
        printf("[%s] = %u ", r->text, byte);
        print_escaped(stdout, &byte, 1);
        putchar('\n');
        return 0;
    }
    case 's':
        return print_slice(r->text, mf->data + r->start, (size_t)(r->end - r->start));
    default: {
        struct search s = {.haystack = mf->data, .size = mf->size,
                           .needle = (const unsigned char *)r->text, .length = strlen(r->text)};
        if (guard_run(mf->data, mf->size, search, &s) != 0)
            return -1;
        printf("find(");
        print_escaped(stdout, s.needle, s.length);
        if (s.at < 0)
            printf(") = -1 (not found)\n");
        else
            printf(") = %lld\n", s.at);
        return 0;
    }
    }
}
/* end region: answer */

/* region: view-file */
/* Map, check every request before answering any (so a bad one produces its
 * error and nothing else), print the summary and the answers, unmap. */
int view_file(const char *path, const struct request *requests, size_t count)
{
    struct mapped_file mf;
    const char *why;
    if (map_file_readonly(path, &mf, &why) != 0) {
        report(path, "%s", why);
        return EXIT_FAIL;
    }
    int status = EXIT_OK;
    for (size_t i = 0; i < count && status == EXIT_OK; i++)
        if (check_request(&requests[i], mf.size) != 0)
            status = EXIT_FAIL;
    int failed = status == EXIT_OK && print_summary(path, &mf) != 0;
    for (size_t i = 0; i < count && status == EXIT_OK && !failed; i++)
        failed = answer(&requests[i], &mf) != 0;
    if (failed) {
        report_guard_failure(path, "cannot read the mapping", errno);
        status = EXIT_FAIL;
    }
    if (unmap_file(&mf) != 0) {
        report(path, "munmap: %s", strerror(errno));
        status = EXIT_FAIL;
    }
    return status;
}
/* end region: view-file */
