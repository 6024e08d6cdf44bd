/** @file check.h
 * @brief Verify a log: the header, every committed record, and what lies past the committed end.
 */
#ifndef CH06_CHECK_H
#define CH06_CHECK_H

#include "list.h"
#include "log.h"

#include <stdint.h>

/** What a check found. */
struct check_result {
    struct walk walk;       /**< Records verified, and where the walk stopped. */
    uint64_t tail_nonzero;  /**< Non-zero bytes past the committed end: an append never committed. */
    uint64_t tail_first;    /**< Offset of the first non-zero byte past the end, if any. */
    int walk_done;          /**< Every committed record was verified (a failure came later). */
};

/**
 * @brief Check every committed record, then look at the bytes past the committed end.
 *
 * Bytes past the committed end are not data, whatever they hold: a record
 * stored but never committed (its writer died first) or a torn one. They are
 * counted, for the report, and never read as records.
 * @param log A log opened by log_open(), whose header was checked there.
 * @param r Filled in.
 * @return 0 when the log is sound; -1 with the log's error set at the first problem.
 */
int log_check(struct log *log, struct check_result *r);

#endif
