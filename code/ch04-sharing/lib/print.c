/* print.c: a measured round as a table or as CSV. */
#include "print.h"

#include "mapping.h"

#include <inttypes.h>

static const char *mode_name(enum mode mode)
{
    return mode == MODE_MMAP ? "mmap" : "read";
}

void print_csv(const struct config *c, const struct round *r)
{
    char cache[32] = "";
    if (r->cache_known)
        snprintf(cache, sizeof cache, "%llu", r->cache_kib);
    for (unsigned i = 0; i < r->started; i++) {
        const struct worker *w = &r->w[i];
        fprintf(c->out, "%s,%u,%u,%llu,%llu,%llu,%llu,%s,%zu,%016" PRIx64 "\n",
                mode_name(r->mode), c->procs, i, w->process.rss_kib, w->process.pss_kib,
                w->process.private_kib, w->data.anon_kib, cache, r->size / 1024,
                w->note.checksum);
    }
}

static void print_heading(const struct config *c, const struct round *r)
{
    int one = c->procs == 1;
    if (r->mode == MODE_READ)
        fprintf(c->out, "read mode: %u %s %s (%zu KiB) into a buffer of %s own\n", c->procs,
                one ? "worker reads" : "workers each read", c->path, r->size / 1024,
                one ? "its" : "their");
    else
        fprintf(c->out, "mmap mode: %u %s %s (%zu KiB) and %s every page\n", c->procs,
                one ? "worker maps" : "workers each map", c->path, r->size / 1024,
                one ? "reads" : "read");
    if (r->mode == MODE_MMAP && c->writer == WRITER_PRIVATE)
        fprintf(c->out, "worker 0 maps it MAP_PRIVATE and stores into every page\n");
    if (r->mode == MODE_MMAP && c->writer == WRITER_SHARED)
        fprintf(c->out, "worker 0 maps it MAP_SHARED and flips a byte in every page\n");
    fprintf(c->out, "%16s%-27s %s\n", "", "whole process (KiB)", "the file's data (KiB)");
    fprintf(c->out, "%-6s %8s %8s %8s %9s %8s %8s %9s  %s\n", "worker", "pid", "Rss", "Pss",
            "Private", "Rss", "Pss", "Private", "checksum");
}

/* The lines under the table: where the file's bytes are, and how many times. */
static void print_copies(const struct config *c, const struct round *r, unsigned long long own)
{
    size_t pages = (r->size + page_size() - 1) / page_size();
    if (!r->cache_known) {
        fprintf(c->out, "page cache: unknown (mincore would report every page of a file\n"
                        "  we neither own nor may write as resident)\n");
        return;
    }
    fprintf(c->out, "page cache: %llu of %zu KiB of the file resident (mincore)\n",
            r->cache_kib, pages * page_size() / 1024);
    fprintf(c->out, "the workers' own copies: %llu KiB (anonymous memory)\n", own);
    fprintf(c->out, "copies of the file in memory: %.2f\n", copies_in_memory(r));
}

void print_table(const struct config *c, const struct round *r)
{
    print_heading(c, r);
    struct memory p = {0}, d = {0};
    for (unsigned i = 0; i < r->started; i++) {
        const struct worker *w = &r->w[i];
        fprintf(c->out, "%6u %8ld %8llu %8llu %9llu %8llu %8llu %9llu  %016" PRIx64 "\n", i,
                (long)w->pid, w->process.rss_kib, w->process.pss_kib, w->process.private_kib,
                w->data.rss_kib, w->data.pss_kib, w->data.private_kib, w->note.checksum);
        p.rss_kib += w->process.rss_kib;
        p.pss_kib += w->process.pss_kib;
        p.private_kib += w->process.private_kib;
        d.rss_kib += w->data.rss_kib;
        d.pss_kib += w->data.pss_kib;
        d.private_kib += w->data.private_kib;
        d.anon_kib += w->data.anon_kib;
    }
    fprintf(c->out, "%-6s %8s %8llu %8llu %9llu %8llu %8llu %9llu\n", "total", "", p.rss_kib,
            p.pss_kib, p.private_kib, d.rss_kib, d.pss_kib, d.private_kib);
    if (r->mode == MODE_MMAP && c->writer == WRITER_SHARED)
        fprintf(c->out, "checksum before worker 0's stores: %016" PRIx64
                        ", after: %016" PRIx64 " in every worker\n",
                r->w[0].first_checksum, r->w[0].note.checksum);
    print_copies(c, r, d.anon_kib);
}
