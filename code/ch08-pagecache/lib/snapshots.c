#include "snapshots.h"

#include "strip.h"

#include <stdlib.h>
#include <string.h>

int snapshots_init(struct snapshots *s, size_t pages, size_t capacity)
{
    *s = (struct snapshots){.pages = pages, .capacity = capacity};
    s->bits = calloc(capacity, pages > 0 ? pages : 1);
    s->touched = calloc(capacity, sizeof *s->touched);
    s->resident = calloc(capacity, sizeof *s->resident);
    s->label = calloc(capacity, sizeof *s->label);
    if (s->bits == NULL || s->touched == NULL || s->resident == NULL || s->label == NULL) {
        snapshots_free(s);
        return -1; /* calloc set errno to ENOMEM */
    }
    return 0;
}

/* region: snapshot */
int snapshots_take(struct snapshots *s, const void *addr, size_t length, size_t touched,
                   const char *label)
{
    if (s->rows == s->capacity)
        return 0;
    long resident = residency_capture(addr, length, s->bits + s->rows * s->pages);
    if (resident < 0)
        return -1;
    s->touched[s->rows] = touched;
    s->resident[s->rows] = resident;
    s->label[s->rows] = label;
    s->rows++;
    return 0;
}
/* end region: snapshot */

void snapshots_free(struct snapshots *s)
{
    free(s->bits);
    free(s->touched);
    free(s->resident);
    free(s->label);
    memset(s, 0, sizeof *s);
}
