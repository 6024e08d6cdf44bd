/** @file median.h
 * @brief The median of a few runs: of times, and of counts.
 *
 * One run of a benchmark can be slowed by anything else the machine does; the
 * median of several ignores the odd slow one without hiding a real cost.
 * Both functions sort their values in place, so afterwards the first is the
 * least and the last the greatest.
 */
#ifndef MMF_MEDIAN_H
#define MMF_MEDIAN_H

#include <stddef.h>

/**
 * @brief The median of @p n values; sorts them in place.
 * @param values The values; reordered.
 * @param n How many; at least 1.
 * @return The middle value, or the mean of the two middle ones when @p n is even.
 */
double median(double values[], size_t n);

/**
 * @brief The median of @p n counts; sorts them in place.
 * @param values The counts; reordered.
 * @param n How many; at least 1.
 * @return The middle count, or the upper of the two middle ones when @p n
 *         is even (a count that some run really had).
 */
long median_long(long values[], size_t n);

#endif
