/** @file print.h
 * @brief Print a round: a table for people, or CSV rows for scripts.
 */
#ifndef CH04_PRINT_H
#define CH04_PRINT_H

#include "config.h"
#include "round.h"

#include <stdio.h>

/** The CSV header line, without its newline. */
#define CSV_HEADER "mode,procs,worker,rss_kib,pss_kib,private_kib,own_kib,cache_kib,file_kib,checksum"

/**
 * @brief Print one CSV row per worker of a measured round.
 *
 * rss, pss and private are the whole worker's (smaps_rollup); own_kib is the
 * anonymous memory holding its copy of the file; cache_kib (empty if
 * unknown) and file_kib are the round's, repeated on every row.
 * @param c The run's settings (c->out).
 * @param r The round.
 */
void print_csv(const struct config *c, const struct round *r);

/**
 * @brief Print a measured round as a table: a line per worker, the totals,
 *        the page cache and the copies of the file in memory.
 * @param c The run's settings (c->out, c->writer).
 * @param r The round.
 */
void print_table(const struct config *c, const struct round *r);

#endif
