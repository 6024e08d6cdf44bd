/** @file table.h
 * @brief Print the summaries: a table for people, or CSV for programs.
 */
#ifndef CH09_TABLE_H
#define CH09_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "measure.h"

/** The CSV header, exactly as the first line of --csv output. */
#define TABLE_CSV_HEADER \
    "variant,buffer,threads,size,median_gbps,min_gbps,max_gbps,syscalls,minflt,majflt,checksum"

/** What the table's heading says besides the rows. */
struct table_context {
    const char *path;         /**< The file's name. */
    uint64_t size;            /**< Its size. */
    unsigned runs;            /**< Timed runs per variant. */
    unsigned threads;         /**< --threads. */
    int cold;                 /**< 1 if --cold. */
    struct cold_report cold_report; /**< What eviction achieved, when cold. */
    long long huge_bytes;     /**< Bytes of the floor's buffer in huge pages; -1 unknown. */
    uint64_t memory_length;   /**< Bytes the floor's buffer maps (huge-page multiples). */
    uint64_t limit_size;      /**< Bytes memcpy() copied per run. */
    uint64_t memory_page;     /**< The huge page size the floor's buffer asked for. */
};

/**
 * @brief Write the heading's "cold:" line: what mmap's major faults say about a cold run.
 * @param buf Where the line goes, without a newline; NUL-terminated, and cut to fit.
 * @param n The size of @p buf.
 * @param majflt mmap's median major faults per run.
 * @return The length of the whole line, as snprintf() counts it.
 */
int cold_faults_line(char *buf, size_t n, long majflt);

/**
 * @brief Print the table: a heading, then one row per variant.
 * @param t The heading's facts.
 * @param all variant_count() summaries.
 */
void table_print(const struct table_context *t, const struct summary *all);

/**
 * @brief Print TABLE_CSV_HEADER and one row per variant.
 * @param t The facts the rows repeat (size, threads).
 * @param all variant_count() summaries.
 */
void table_print_csv(const struct table_context *t, const struct summary *all);

#endif
