/** @file output.h
 * @brief What pagecache prints: a scan's result as text or as one CSV line.
 */
#ifndef CH08_OUTPUT_H
#define CH08_OUTPUT_H

#include "scan.h"

#include <stdio.h>

/** The CSV header, exactly as the first line of --csv output. */
#define SCAN_CSV_HEADER "order,advise,populate,cache,pages,touched,majflt,minflt,resident_after,ms"

/**
 * @brief Print a scan's result for a reader: faults, time, residency, and a strip per snapshot.
 * @param out Where it goes.
 * @param o What the scan was asked to do.
 * @param r What it measured.
 * @param snaps The rows it captured.
 */
void print_scan_text(FILE *out, const struct scan_options *o, const struct scan_result *r,
                     const struct snapshots *snaps);

/**
 * @brief Print SCAN_CSV_HEADER and one line of values.
 * @param out Where it goes.
 * @param o What the scan was asked to do.
 * @param r What it measured.
 */
void print_scan_csv(FILE *out, const struct scan_options *o, const struct scan_result *r);

/**
 * @brief Print "N resident" or "unknown" for a count that may be unknown (-1).
 * @param out Where it goes.
 * @param count The count, or -1.
 */
void print_count(FILE *out, long count);

#endif
