/* Printing shmcount's results. */
#include "table.h"

#include <inttypes.h>

void table_header(FILE *out, const struct table_setup *s)
{
    if (s->csv) {
        fprintf(out, "%s\n", TABLE_CSV_HEADER);
        return;
    }
    fprintf(out, "%u process%s x %" PRIu64 " increments, %s backing, median of %u run%s\n",
            s->procs, s->procs == 1 ? "" : "es", s->iters, backing_name(s->backing), s->runs,
            s->runs == 1 ? "" : "s");
    fprintf(out, "%-7s %12s %12s %12s %14s\n", "sync", "expected", "count", "lost",
            "ns/increment");
}

void table_row(FILE *out, const struct table_setup *s, enum sync_mode mode,
               const struct outcome *o)
{
    if (s->csv)
        fprintf(out, "%s,%s,%u,%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%.2f\n",
                sync_name(mode), backing_name(s->backing), s->procs, s->iters, o->expected,
                o->count, o->lost, o->ns_per_increment);
    else
        fprintf(out, "%-7s %12" PRIu64 " %12" PRIu64 " %12" PRIu64 " %14.2f\n", sync_name(mode),
                o->expected, o->count, o->lost, o->ns_per_increment);
}

void table_counts(FILE *out, const struct table_setup *s, enum sync_mode mode,
                  const struct outcome *o)
{
    if (s->csv)
        return;
    fprintf(out, "        %s, count after each run:", sync_name(mode));
    for (unsigned i = 0; i < o->runs; i++)
        fprintf(out, " %" PRIu64, o->counts[i]);
    fprintf(out, "\n");
}
