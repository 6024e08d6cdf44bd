/** @file print.h
 * @brief seekbench's results: the table a reader reads, or CSV for a script.
 */
#ifndef CH03_PRINT_H
#define CH03_PRINT_H

#include "cold.h"
#include "floor.h"
#include "measure.h"
#include "variants.h"

#include <stddef.h>

/** What the table's header states about the run. */
struct run_info {
    const char *path; /**< the file */
    unsigned runs;    /**< timed runs per variant */
    int cold;         /**< whether --cold was asked for */
    const struct cold_report *cold_report; /**< what --cold found, when cold */
    const struct floor_buffer *floor;      /**< the `memory` variant's buffer */
    const struct floor_buffer *floor_4k;   /**< the `memory_4k` variant's buffer */
    int mapping_known;                     /**< whether the two counts below were had */
    size_t mapping_kib;                    /**< KiB of the file's mapping resident */
    size_t mapping_pmd_kib;                /**< KiB of it mapped by huge page-table entries */
};

/**
 * @brief Write a ratio to three significant figures, never in exponent form.
 * @param buf Where the text goes.
 * @param size The size of @p buf.
 * @param r The ratio, not negative.
 * @return @p buf: a whole number from 100 up, three significant figures below.
 */
const char *ratio_text(char *buf, size_t size, double r);

/**
 * @brief Print one CSV header line and one row per variant, in table order.
 * @param all One summary per variant, indexed like the table.
 */
void print_csv(const struct summary *all);

/**
 * @brief Print the header (file, pattern, runs, cache) and the table, with
 *        each median as a multiple of lseek_read's and of mmap's.
 * @param b The bench that ran.
 * @param info What to say about the run.
 * @param all One summary per variant, indexed like the table.
 */
void print_table(const struct bench *b, const struct run_info *info, const struct summary *all);

#endif
