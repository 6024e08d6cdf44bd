/** @file svg.h
 * @brief Draw residency snapshots as an SVG picture: one row per snapshot.
 * Each row is the whole file, left to right; a cell is dark when its pages
 * are resident, light when they are not, and in between when some are. A
 * row's label says how many pages the scan had touched.
 */
#ifndef CH08_SVG_H
#define CH08_SVG_H

#include "snapshots.h"

#include <stdio.h>

/**
 * @brief Write @p s as a complete SVG document.
 * @param out Where the document goes.
 * @param s The rows.
 * @param title A title for the picture (escaped for XML).
 * @return 0 on success; -1 if writing failed (check ferror()).
 */
int svg_write(FILE *out, const struct snapshots *s, const char *title);

#endif
