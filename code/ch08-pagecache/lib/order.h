/** @file order.h
 * @brief The order in which a scan touches a file's pages: sequential, random or strided.
 * Readahead guesses from the order of faults. A scan that walks the pages in
 * order, one that jumps at random, and one that takes every Nth page and then
 * comes back for the rest, each touch every page exactly once; only the order
 * differs, so any difference in faults is the kernel's guess at work.
 */
#ifndef CH08_ORDER_H
#define CH08_ORDER_H

#include <stddef.h>
#include <stdint.h>

/** The kinds of order. */
enum order_kind {
    ORDER_SEQUENTIAL, /**< 0, 1, 2, ... */
    ORDER_RANDOM,     /**< a pseudo-random permutation, the same for the same seed */
    ORDER_STRIDE      /**< 0, N, 2N, ..., then 1, N+1, ..., until every page is touched */
};

/** An order, as parsed from the command line. */
struct order {
    enum order_kind kind; /**< Which kind. */
    size_t stride;        /**< N, for ORDER_STRIDE. */
};

/**
 * @brief Parse "sequential", "random" or "stride:N" (N from 1 to 1048576).
 * @param text The option's argument.
 * @param order Filled in on success.
 * @return 0 on success; -1 with errno set to EINVAL if @p text is none of them.
 */
int order_parse(const char *text, struct order *order);

/**
 * @brief Name an order as the command line spells it ("stride:8").
 * @param order The order.
 * @param buf Where the name goes.
 * @param size Bytes in @p buf.
 * @return @p buf.
 */
const char *order_name(const struct order *order, char *buf, size_t size);

/**
 * @brief Fill @p index with the page numbers 0 to @p pages - 1, in @p order.
 * Random orders are a Fisher-Yates shuffle driven by fill_random() from
 * @p seed, so every run and every machine gets the same permutation.
 * @param order The order.
 * @param index Room for @p pages entries.
 * @param pages How many pages the file has.
 * @param seed The generator's first state, for ORDER_RANDOM.
 */
void order_fill(const struct order *order, size_t *index, size_t pages, uint64_t seed);

#endif
