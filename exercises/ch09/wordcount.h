/** @file wordcount.h
 * @brief Exercise 9.2: count the words of a buffer (a mapping) with several threads.
 *
 * A word is a run of bytes that are not a space, a tab or a newline. The buffer is cut
 * into T slices, one per thread; words that straddle two slices must be
 * counted once.
 */
#ifndef EX_WORDCOUNT_H
#define EX_WORDCOUNT_H

#include <stddef.h>

/**
 * @brief Count the words in @p size bytes at @p data with @p threads threads.
 * @param data The bytes, for example a read-only mapping of a file.
 * @param size How many.
 * @param threads 1 to 64.
 * @return The number of words; (size_t)-1 if @p threads is out of range or a
 *         thread could not be started.
 */
size_t count_words(const unsigned char *data, size_t size, unsigned threads);

#endif
