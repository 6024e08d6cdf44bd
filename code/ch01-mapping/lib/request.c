#include "request.h"

#include "parse.h"
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* "START:END", both plain non-negative numbers, read as strictly as -i's
 * INDEX (any number of leading zeros, nothing else around them). */
int parse_slice(const char *text, uint64_t *start, uint64_t *end)
{
    const char *colon = strchr(text, ':');
    if (colon == NULL || colon == text || colon[1] == '\0') {
        errno = EINVAL;
        return -1;
    }
    char *first = strndup(text, (size_t)(colon - text));
    if (first == NULL)
        return -1;
    int rc = parse_u64(first, UINT64_MAX, start);
    int saved = errno;
    free(first);
    errno = saved;
    if (rc != 0 || parse_u64(colon + 1, UINT64_MAX, end) != 0)
        return -1;
    return 0;
}

/* Python's obj[i]: a negative index counts back from the end. -1 if out of range. */
int64_t resolve_index(int64_t index, size_t size)
{
    int64_t i = index < 0 ? (int64_t)size + index : index;
    return i >= 0 && (uint64_t)i < size ? i : -1;
}

/* Every request is checked against the file's size before any is answered,
 * so a bad one produces its error and nothing else. */
int check_request(const struct request *r, size_t size)
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

/* Check every option before touching the file: a usage error changes nothing. */
int parse_request(struct request *r, int option, const char *text)
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
