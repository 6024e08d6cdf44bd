/** @file view.h
 * @brief Chapter 1: mapview's answers, read from a mapped file through the guard.
 */
#ifndef MMF_CH01_VIEW_H
#define MMF_CH01_VIEW_H

#include "mapping.h"
#include "request.h"

#include <stddef.h>

/**
 * @brief The first offset of @p needle in @p haystack, as Python's mmap.find().
 * @param haystack The bytes to search.
 * @param size     How many.
 * @param needle   The bytes to find.
 * @param length   How many; 0 finds nothing.
 * @return The offset of the first match lying wholly inside @p size bytes, or -1.
 */
long long find_bytes(const unsigned char *haystack, size_t size,
                     const unsigned char *needle, size_t length);

/**
 * @brief Print the answer to one request, checked by check_request().
 * @param r  The request.
 * @param mf The mapped file.
 * @return 0, or -1 with errno EFAULT if a page of the mapping could not be read.
 */
int answer(const struct request *r, const struct mapped_file *mf);

/**
 * @brief Map @p path, check every request, print the summary and the
 * answers, unmap: all of mapview once its options are read.
 * @param path     The file.
 * @param requests The requests, in order.
 * @param count    How many.
 * @return EXIT_OK, or EXIT_FAIL after a one-line message on stderr.
 */
int view_file(const char *path, const struct request *requests, size_t count);

#endif
