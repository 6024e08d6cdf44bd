/** @file strip.h
 * @brief A file mapping's residency, page by page, and drawn as a strip of cells.
 * mincore() fills one byte per page of a mapping; bit 0 says whether the page
 * is in the page cache. A residency vector keeps those bits so that they can
 * be counted, drawn in a terminal, or kept as one row of a picture.
 */
#ifndef CH08_STRIP_H
#define CH08_STRIP_H

#include <stddef.h>
#include <stdio.h>

/**
 * @brief Ask mincore() which pages of [@p addr, @p addr + @p length) are resident.
 * Makes one system call and allocates nothing, so a scan may call it between
 * touches without disturbing what it measures.
 * @param addr Start of the range: page-aligned, inside a mapping.
 * @param length Bytes in the range.
 * @param vec One byte per page, written with 1 (resident) or 0.
 * @return The number of resident pages; -1 with errno set if mincore() failed.
 */
long residency_capture(const void *addr, size_t length, unsigned char *vec);

/**
 * @brief Draw @p vec as a strip of at most @p width cells.
 * Each cell stands for the same number of pages: `#` when all of its pages
 * are resident, `+` when some are, `.` when none are.
 * @param out Where the strip goes, as one line between `|` marks.
 * @param vec One byte per page, 1 for resident.
 * @param pages Pages in @p vec.
 * @param width The most cells a line may have (at least 1).
 */
void strip_print(FILE *out, const unsigned char *vec, size_t pages, size_t width);

/**
 * @brief How many pages one cell stands for, so that @p pages fit in @p width cells.
 * @param pages Pages to draw.
 * @param width The most cells wanted (at least 1).
 * @return Pages per cell, at least 1.
 */
size_t strip_pages_per_cell(size_t pages, size_t width);

#endif
