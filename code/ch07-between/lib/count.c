#include "count.h"

#include "parse.h"
#include "report.h"

#include <errno.h>
#include <inttypes.h>

int parse_count(const char *option, const char *text, uint64_t max, uint64_t *out)
{
    if (parse_u64(text, max, out) != 0) {
        report(option, "%s: %s (1 to %" PRIu64 ")", text, parse_error(errno), max);
        return -1;
    }
    if (*out == 0) {
        report(option, "%s: must be at least 1", text);
        return -1;
    }
    return 0;
}
