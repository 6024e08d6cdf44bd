/* The table and the CSV. */
#include "table.h"

#include "mapping.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static unsigned threads_of(const struct summary *s, unsigned threads)
{
    return s->variant->threaded ? threads : 1;
}

static void print_checksum(const struct summary *s)
{
    if (s->variant->has_checksum)
        printf("%016" PRIx64, s->checksum);
    else
        printf("-");
}

void table_print_csv(const struct table_context *t, const struct summary *all)
{
    printf("%s\n", TABLE_CSV_HEADER);
    for (size_t v = 0; v < variant_count(); v++) {
        const struct summary *s = &all[v];
        printf("%s,%zu,%u,%" PRIu64 ",%.3f,%.3f,%.3f,%lu,%ld,%ld,", s->variant->name,
               s->variant->buffer, threads_of(s, t->threads), t->size, s->median_gbps,
               s->min_gbps, s->max_gbps, s->syscalls, s->minflt, s->majflt);
        print_checksum(s);
        putchar('\n');
    }
}

/* region: cold-line */
/* Apart from print_cold(), so that a test can read its words for 0, 1 and many. */
int cold_faults_line(char *buf, size_t n, long majflt)
{
    if (majflt > 0)
        return snprintf(buf, n, "cold:     mmap's median run: %ld major fault%s: its pages came"
                        " from the device (or a cache below this system)",
                        majflt, majflt == 1 ? "" : "s");
    return snprintf(buf, n, "cold:     mmap's median run: 0 major faults: not cold");
}

/* Say what kind of cold the runs had: whether the eviction was accepted and
 * checked, and whether mmap's runs then took major faults (pages read from
 * the device; in a virtual machine the host may still have cached them). */
static void print_cold(const struct table_context *t, const struct summary *all)
{
    const struct cold_report *c = &t->cold_report;
    if (c->refused > 0)
        printf("cache:    cold asked for, but eviction was refused before %d of %d runs (%s)\n",
               c->refused, c->runs, strerror(c->errnum));
    else if (!c->residency_known)
        printf("cache:    cold asked for: evicted before each of %d runs; residency unknown"
               " (mincore cannot be trusted for this file)\n", c->runs);
    else if (c->dirty_runs > 0)
        printf("cache:    cold asked for, but %d of %d runs started with pages resident"
               " (up to %zu)\n", c->dirty_runs, c->runs, c->most_resident);
    else
        printf("cache:    cold: evicted before each of %d runs; mincore saw 0 pages resident\n",
               c->runs);
    const struct summary *mm = NULL;
    for (size_t v = 0; v < variant_count(); v++)
        if (strcmp(all[v].variant->name, "mmap") == 0)
            mm = &all[v];
    if (mm != NULL) {
        char line[192];
        cold_faults_line(line, sizeof line, mm->majflt);
        printf("%s\n", line);
    }
}
/* end region: cold-line */

void table_print(const struct table_context *t, const struct summary *all)
{
    printf("file:     %s (%" PRIu64 " bytes)\n", t->path, t->size);
    printf("runs:     %u per variant after 1 warm-up, interleaved; threads: %u\n", t->runs,
           t->threads);
    if (t->cold)
        print_cold(t, all);
    else
        printf("cache:    warm\n");
    if (t->huge_bytes < 0)
        printf("memory:   page size unknown (/proc/self/smaps unreadable)\n");
    else if (t->huge_bytes > 0)
        printf("memory:   %" PRIu64 " MiB huge pages: %lld of the buffer's %" PRIu64 " bytes\n",
               t->memory_page >> 20, t->huge_bytes, t->memory_length);
    else
        printf("memory:   %zu KiB pages (no huge pages given)\n", page_size() / 1024);
    printf("limit:    memcpy of %" PRIu64 " MiB\n", t->limit_size >> 20);
    const struct summary *floor = NULL;
    for (size_t v = 0; v < variant_count(); v++)
        if (strcmp(all[v].variant->name, "memory") == 0)
            floor = &all[v];
    printf("\n%-16s %7s %7s %8s %8s %8s %8s %8s %7s %6s  %s\n", "variant", "buffer", "threads",
           "med_GB/s", "min_GB/s", "max_GB/s", "x_memory", "syscalls", "minflt", "majflt",
           "checksum");
    for (size_t v = 0; v < variant_count(); v++) {
        const struct summary *s = &all[v];
        char buffer[16] = "-";
        if (s->variant->buffer >= (1u << 20))
            snprintf(buffer, sizeof buffer, "%zuM", s->variant->buffer >> 20);
        else if (s->variant->buffer > 0)
            snprintf(buffer, sizeof buffer, "%zuK", s->variant->buffer >> 10);
        printf("%-16s %7s %7u %8.2f %8.2f %8.2f %8.2f %8lu %7ld %6ld  ", s->variant->name, buffer,
               threads_of(s, t->threads), s->median_gbps, s->min_gbps, s->max_gbps,
               s->median_gbps / floor->median_gbps, s->syscalls, s->minflt, s->majflt);
        print_checksum(s);
        putchar('\n');
    }
}
