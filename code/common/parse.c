#include "parse.h"

#include "report.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* strtoull quietly accepts leading spaces and a '-' (wrapping it around), so
 * we insist on a digit first and check the end pointer ourselves. */
static int parse_digits(const char *text, uint64_t *out, const char **end)
{
    if (text == NULL || !isdigit((unsigned char)text[0])) {
        errno = EINVAL;
        return -1;
    }
    char *stop;
    errno = 0;
    unsigned long long v = strtoull(text, &stop, 10);
    if (errno == ERANGE)
        return -1;
    *out = v;
    *end = stop;
    return 0;
}

int parse_u64(const char *text, uint64_t max, uint64_t *out)
{
    uint64_t v;
    const char *end;
    if (parse_digits(text, &v, &end) != 0)
        return -1;
    if (*end != '\0') {
        errno = EINVAL;
        return -1;
    }
    if (v > max) {
        errno = ERANGE;
        return -1;
    }
    *out = v;
    return 0;
}

int parse_i64(const char *text, int64_t min, int64_t max, int64_t *out)
{
    if (text == NULL) {
        errno = EINVAL;
        return -1;
    }
    int negative = text[0] == '-';
    uint64_t magnitude;
    if (parse_u64(text + negative, UINT64_MAX, &magnitude) != 0)
        return -1;
    /* Compare magnitudes before negating, so INT64_MIN needs no special case. */
    if (negative) {
        uint64_t limit = min < 0 ? (uint64_t)(-(min + 1)) + 1 : 0;
        if (magnitude > limit) {
            errno = ERANGE;
            return -1;
        }
        *out = magnitude == 0 ? 0 : -(int64_t)(magnitude - 1) - 1;
        return 0;
    }
    if (max < 0 || magnitude > (uint64_t)max) {
        errno = ERANGE;
        return -1;
    }
    *out = (int64_t)magnitude;
    return 0;
}

int parse_bytes(const char *text, uint64_t max, uint64_t *out)
{
    uint64_t v;
    const char *end;
    if (parse_digits(text, &v, &end) != 0)
        return -1;
    unsigned shift = 0;
    if (*end != '\0') {
        const char *suffixes = "KMG";
        const char *s = strchr(suffixes, *end);
        if (s == NULL || end[1] != '\0') {
            errno = EINVAL;
            return -1;
        }
        shift = 10u * (unsigned)(s - suffixes + 1);
    }
    if (v > (max >> shift)) {
        errno = ERANGE;
        return -1;
    }
    *out = v << shift;
    return 0;
}

const char *parse_error(int errnum)
{
    return errnum == ERANGE ? "number out of range" : "not a valid number";
}

int parse_option_number(const char *option, const char *text, int64_t min, int64_t max,
                        int64_t *out)
{
    int64_t v;
    if (parse_i64(text, INT64_MIN, INT64_MAX, &v) != 0) {
        report(option, "%s: %s", text, parse_error(errno));
        return -1;
    }
    if (v < min || v > max) {
        report(option, "%s: must be %lld to %lld", text, (long long)min, (long long)max);
        return -1;
    }
    *out = v;
    return 0;
}
