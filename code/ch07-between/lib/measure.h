/** @file measure.h
 * @brief A monotonic clock in nanoseconds and the median of a few runs.
 *
 * One run of a benchmark can be slowed by anything else the machine does; the
 * median of several ignores the odd slow one without hiding a real cost.
 */
#ifndef CH07_MEASURE_H
#define CH07_MEASURE_H

#include <stddef.h>

/**
 * @brief The monotonic clock, in nanoseconds.
 * @return Nanoseconds since an arbitrary start (CLOCK_MONOTONIC).
 */
double now_ns(void);

/**
 * @brief The median of @p n values; sorts them in place.
 * @param values The values; reordered.
 * @param n How many; at least 1.
 * @return The middle value, or the mean of the two middle ones when @p n is even.
 */
double median(double values[], size_t n);

#endif
