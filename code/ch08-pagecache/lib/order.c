#include "order.h"

#include "datafile.h"
#include "parse.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum { STRIDE_MAX = 1048576 };

int order_parse(const char *text, struct order *order)
{
    uint64_t n;
    if (strcmp(text, "sequential") == 0) {
        *order = (struct order){.kind = ORDER_SEQUENTIAL};
    } else if (strcmp(text, "random") == 0) {
        *order = (struct order){.kind = ORDER_RANDOM};
    } else if (strncmp(text, "stride:", 7) == 0 && parse_u64(text + 7, STRIDE_MAX, &n) == 0 &&
               n > 0) {
        *order = (struct order){.kind = ORDER_STRIDE, .stride = (size_t)n};
    } else {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

const char *order_name(const struct order *order, char *buf, size_t size)
{
    if (order->kind == ORDER_STRIDE)
        snprintf(buf, size, "stride:%zu", order->stride);
    else
        snprintf(buf, size, "%s", order->kind == ORDER_RANDOM ? "random" : "sequential");
    return buf;
}

/* A number below @bound from the generator (bound > 0). The slight bias of
 * the modulo does not matter for a visiting order. */
static size_t below(size_t bound, uint64_t *state)
{
    uint64_t r;
    fill_random((unsigned char *)&r, sizeof r, state);
    return (size_t)(r % bound);
}

/* region: orders */
void order_fill(const struct order *order, size_t *index, size_t pages, uint64_t seed)
{
    size_t k = 0;
    if (order->kind == ORDER_STRIDE) {
        for (size_t start = 0; start < order->stride && start < pages; start++)
            for (size_t p = start; p < pages; p += order->stride)
                index[k++] = p;
        return;
    }
    for (size_t p = 0; p < pages; p++)
        index[p] = p;
    if (order->kind == ORDER_RANDOM) {
        for (size_t i = pages; i > 1; i--) { /* Fisher-Yates */
            size_t j = below(i, &seed), t = index[i - 1];
            index[i - 1] = index[j];
            index[j] = t;
        }
    }
}
/* end region: orders */
