#include "output.h"

#include "strip.h"

enum { STRIP_CELLS = 64 };

/* "1 major fault", "2 major faults" */
static const char *plural(long count)
{
    return count == 1 ? "" : "s";
}

void print_count(FILE *out, long count)
{
    if (count < 0)
        fputs("unknown", out);
    else
        fprintf(out, "%ld", count);
}

static const char *populate_shown(const struct scan_options *o, const struct scan_result *r)
{
    return r->populate_skipped ? "skipped" : populate_name(o->populate);
}

void print_scan_text(FILE *out, const struct scan_options *o, const struct scan_result *r,
                     const struct snapshots *snaps)
{
    char order[32];
    fprintf(out, "order %s, advice %s, populate %s; cache %s before (",
            order_name(&o->order, order, sizeof order), advice_name(o->advice),
            populate_shown(o, r), scan_cache_state(r));
    print_count(out, r->resident_before);
    fprintf(out, " of %zu pages resident)\n", r->pages);
    fprintf(out, "touched %zu pages in %.1f ms: %ld major fault%s, %ld minor fault%s\n",
            r->touched, r->ms, r->faults.major, plural(r->faults.major), r->faults.minor,
            plural(r->faults.minor));
    if (o->advice == ADVISE_WILLNEED || o->populate != POPULATE_NONE) {
        fputs("before the first touch: ", out);
        print_count(out, r->advised_resident);
        fprintf(out, " of %zu pages resident, after %ld major fault%s\n", r->pages,
                r->advised_faults.major, plural(r->advised_faults.major));
    }
    if (o->advice == ADVISE_DONTNEED)
        fprintf(out, "Rss of the mapping: %zu KiB before MADV_DONTNEED, %zu KiB after\n",
                r->rss_before_kib, r->rss_after_kib);
    fputs("resident at the end: ", out);
    print_count(out, r->resident_after);
    fprintf(out, " of %zu pages\n", r->pages);
    if (!r->known) {
        fputs("residency: unknown (mincore() reports every page resident to a user who "
              "neither owns the file nor may write to it)\n", out);
        return;
    }
    fprintf(out, "residency while scanning (one cell = %zu pages):\n",
            strip_pages_per_cell(r->pages, STRIP_CELLS));
    for (size_t row = 0; row < snaps->rows; row++) {
        if (snaps->label[row] != NULL)
            fprintf(out, "%16s ", snaps->label[row]);
        else
            fprintf(out, "%8zu touched ", snaps->touched[row]);
        strip_print(out, snaps->bits + row * snaps->pages, snaps->pages, STRIP_CELLS);
    }
}

void print_scan_csv(FILE *out, const struct scan_options *o, const struct scan_result *r)
{
    char order[32];
    fprintf(out, "%s\n%s,%s,%s,%s,%zu,%zu,%ld,%ld,", SCAN_CSV_HEADER,
            order_name(&o->order, order, sizeof order), advice_name(o->advice),
            populate_shown(o, r), scan_cache_state(r), r->pages, r->touched, r->faults.major,
            r->faults.minor);
    print_count(out, r->resident_after);
    fprintf(out, ",%.1f\n", r->ms);
}
