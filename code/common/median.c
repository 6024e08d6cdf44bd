/* Medians of times and of counts, for the benchmarks' summaries. */
#include "median.h"

#include <stdlib.h>

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int compare_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

double median(double values[], size_t n)
{
    qsort(values, n, sizeof values[0], compare_double);
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

long median_long(long values[], size_t n)
{
    qsort(values, n, sizeof values[0], compare_long);
    return values[n / 2];
}
