/** @file table.h
 * @brief shmcount's output: a table for people, or CSV for scripts.
 */
#ifndef CH07_TABLE_H
#define CH07_TABLE_H

#include "backing.h"
#include "counter.h"
#include "experiment.h"

#include <stdio.h>

/** The CSV header, exactly. */
#define TABLE_CSV_HEADER "sync,backing,procs,iters,expected,count,lost,ns_per_increment"

/** What every row shares. */
struct table_setup {
    enum backing_kind backing; /**< The backing of the shared memory. */
    unsigned procs;            /**< Worker processes. */
    uint64_t iters;            /**< Increments per worker. */
    unsigned runs;             /**< Runs per mode. */
    int csv;                   /**< 1 for CSV. */
};

/**
 * @brief Print what the table is about, then its header (or the CSV header).
 * @param out The stream.
 * @param s The setup.
 */
void table_header(FILE *out, const struct table_setup *s);

/**
 * @brief Print one mode's row.
 * @param out The stream.
 * @param s The setup.
 * @param mode The mode.
 * @param o What it gave.
 */
void table_row(FILE *out, const struct table_setup *s, enum sync_mode mode,
               const struct outcome *o);

/**
 * @brief In the table (not in CSV), list the count each run reached, on one line.
 * @param out The stream.
 * @param s The setup.
 * @param mode The mode.
 * @param o What it gave.
 */
void table_counts(FILE *out, const struct table_setup *s, enum sync_mode mode,
                  const struct outcome *o);

#endif
