/** @file list.h
 * @brief Walk the committed records of a log, oldest first, and print them.
 *
 * Only records below the committed length are read, each copied out of the
 * mapping through the guard and checked against its checksum, so a reader
 * running while a writer appends sees whole, committed records and nothing
 * else: the writer's records past the committed end are not looked at.
 */
#ifndef CH06_LIST_H
#define CH06_LIST_H

#include "log.h"

#include <stdint.h>
#include <stdio.h>

/** Called for each record: return 0 to go on, anything else to stop the walk with that value. */
typedef int record_fn(void *arg, const unsigned char *bytes, uint32_t length);

/** Where a walk stopped. */
struct walk {
    unsigned long records; /**< Records read and verified. */
    uint64_t offset;       /**< Where the next record would start. */
};

/**
 * @brief Call @p fn for every committed record, oldest first.
 * @param log An open log.
 * @param fn The callback; it gets a copy in ordinary memory, not the mapping.
 * @param arg Passed to @p fn.
 * @param w Filled in: how far the walk got, also on failure.
 * @return 0 after the last record; what @p fn returned if it stopped the
 *         walk; -1 with the log's error set if a record is damaged or
 *         reading it raised SIGBUS.
 */
int log_walk(struct log *log, record_fn *fn, void *arg, struct walk *w);

/**
 * @brief Print every committed record on @p out, one per line.
 * @param log An open log.
 * @param out The stream.
 * @param w Filled in as by log_walk().
 * @return 0 on success; -1 with the log's error set.
 */
int log_list(struct log *log, FILE *out, struct walk *w);

#endif
