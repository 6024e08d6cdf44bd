/* Printing seekbench's results: a table for people, CSV for scripts. */
#include "print.h"

#include "pattern.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const struct summary *find_summary(const struct summary *all, const char *name)
{
    const struct variant *v = variant_find(name);
    return v == NULL ? NULL : &all[variant_index(v)];
}

/* %g would write 1.74e+03 for a dear lseek on a fast mapping: the table,
 * the book's values and its sentences all read this column. */
const char *ratio_text(char *buf, size_t size, double r)
{
    if (r >= 100)
        snprintf(buf, size, "%.0f", r);
    else if (r >= 0.001)
        snprintf(buf, size, "%.3g", r);
    else
        snprintf(buf, size, "%.6f", r);
    return buf;
}

static void print_checksum(const struct variant *v, uint64_t sum)
{
    if (v->reads_data)
        printf("%016" PRIx64, sum);
    else
        printf("-");
}

void print_csv(const struct summary *all)
{
    printf("variant,median_ms,min_ms,max_ms,syscalls,minflt,majflt,checksum\n");
    for (unsigned v = 0; v < variant_count; v++) {
        const struct summary *s = &all[v];
        printf("%s,%.4f,%.4f,%.4f,%lu,%ld,%ld,", variants[v].name, s->median, s->min, s->max,
               s->syscalls, s->minflt, s->majflt);
        print_checksum(&variants[v], s->checksum);
        putchar('\n');
    }
}

/* region: cold-line */
/* What kind of cold the runs had: whether the file left this machine's page
 * cache, and where the pages then came from. A virtual machine's "disk" may
 * be a file in its host's page cache, so a major fault proves a wait for the
 * guest's block device, not for a disk. */
static void print_cold(const struct cold_report *c, unsigned total, const struct summary *mm,
                       const struct summary *pr)
{
    if (c->refused > 0) {
        printf("cache:    cold requested, but eviction failed before %d of %u runs (%s)\n",
               c->refused, total, strerror(c->errnum));
        return;
    }
    if (c->dirty_runs > 0)
        printf("cache:    cold requested, but %d of %u runs started with pages resident"
               " (up to %ld)\n", c->dirty_runs, total, c->most_resident);
    else if (c->unknown_runs > 0)
        printf("cache:    cold: evicted before every run; pages resident: unknown\n"
               "          (mincore cannot tell a user who neither owns nor may write the file)\n");
    else
        printf("cache:    cold: evicted from this machine's page cache before every run"
               " (mincore: 0 pages resident)\n");
    printf("source:   per run, mmap: %ld major fault%s", mm->majflt, mm->majflt == 1 ? "" : "s");
    if (mm->storage_kib < 0 || pr->storage_kib < 0) {
        printf("; KiB read from storage: unknown\n");
        return;
    }
    printf(", %ld KiB read from storage; pread: %ld KiB", mm->storage_kib, pr->storage_kib);
    int vm = in_virtual_machine();
    if (mm->storage_kib == 0 && pr->storage_kib == 0)
        printf(": nothing came from the disk\n");
    else if (vm == 1)
        printf(";\n          a virtual machine: its host may have served them from its own cache\n");
    else if (vm == 0)
        printf(": the storage device supplied them\n");
    else
        printf(";\n          the storage device supplied them, or a virtual machine's host\n");
}
/* end region: cold-line */

/* "4 KiB" or "2048 KiB": what a buffer's pages really were. */
static void print_floor(const char *name, const struct floor_buffer *f)
{
    size_t page = floor_page_size(f);
    printf("%s in ", name);
    if (f->rss_kib == 0)
        printf("pages of unknown size (no /proc/self/smaps)");
    else if (page == 0)
        printf("mixed pages (%zu of %zu KiB in huge pages)", f->huge_kib, f->rss_kib);
    else
        printf("%zu KiB pages", page / 1024);
}

/* region: pages-line */
static void print_pages(const struct run_info *info)
{
    printf("floor:    ");
    print_floor("memory_4k", info->floor_4k);
    printf("; ");
    print_floor("memory", info->floor);
    printf(" (transparent huge pages: %s)\n", thp_mode());
    if (info->mapping_known)
        printf("mapping:  mmap's %zu KiB: %zu KiB by huge page-table entries, the rest by"
               " 4 KiB ones\n", info->mapping_kib, info->mapping_pmd_kib);
}
/* end region: pages-line */

void print_table(const struct bench *b, const struct run_info *info, const struct summary *all)
{
    uint64_t iterations = pattern_iterations(b->size);
    printf("file:     %s (%" PRIu64 " bytes)\n", info->path, b->size);
    printf("pattern:  +%d, -%d while position <= %lld: %" PRIu64 " iterations, %" PRIu64
           " steps of %u bytes\n", STEP_FORWARD, STEP_BACK, (long long)b->limit, iterations,
           2 * iterations, b->k);
    printf("runs:     %u per variant after 1 warm-up, interleaved in shuffled order\n",
           info->runs);
    const struct summary *lr = find_summary(all, "lseek_read");
    const struct summary *mm = find_summary(all, "mmap");
    if (info->cold)
        print_cold(info->cold_report, (info->runs + 1) * variant_count, mm,
                   find_summary(all, "pread"));
    else
        printf("cache:    warm\n");
    print_pages(info);
    printf("\n%-14s %10s %10s %10s %9s %9s %9s %7s %7s  %s\n", "variant", "median_ms", "min_ms",
           "max_ms", "x_lseek_rd", "x_mmap", "syscalls", "minflt", "majflt", "checksum");
    for (unsigned v = 0; v < variant_count; v++) {
        const struct summary *s = &all[v];
        char x_lr[32], x_mm[32];
        printf("%-14s %10.3f %10.3f %10.3f %10s %9s %9lu %7ld %7ld  ", variants[v].name,
               s->median, s->min, s->max, ratio_text(x_lr, sizeof x_lr, s->median / lr->median),
               ratio_text(x_mm, sizeof x_mm, s->median / mm->median), s->syscalls, s->minflt,
               s->majflt);
        print_checksum(&variants[v], s->checksum);
        putchar('\n');
    }
}
