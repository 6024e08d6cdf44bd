/** @file measure.h
 * @brief A monotonic clock in nanoseconds, and the median of a few runs (median.h).
 *
 * One run of a benchmark can be slowed by anything else the machine does; the
 * median of several ignores the odd slow one without hiding a real cost.
 */
#ifndef CH07_MEASURE_H
#define CH07_MEASURE_H

#include "median.h" /* median(), which chapters 3 and 9 use too */

#include <stddef.h>

/**
 * @brief The monotonic clock, in nanoseconds.
 * @return Nanoseconds since an arbitrary start (CLOCK_MONOTONIC).
 */
double now_ns(void);

#endif
