/** @file fincore.h
 * @brief Exercise 8.1: how much of each of several files is in the page cache, like fincore(1).
 */
#ifndef EX_FINCORE_H
#define EX_FINCORE_H

#include <stddef.h>

/** One file's answer. */
struct file_residency {
    size_t pages;    /**< The file's size in pages (a partial last page counts); 0 if empty. */
    size_t resident; /**< Pages in the page cache; 0 when unknown or on error. */
    int known;       /**< 1 if mincore() told the truth; 0 if it would report every page
                          resident (a file this user neither owns nor may write). */
    int error;       /**< 0, or the errno that stopped the file being asked (ENOENT,
                          EINVAL for something that is not a regular file, ...). */
};

/**
 * @brief Ask about each of @p n files, without reading them or touching a page.
 * A file that cannot be asked gets its error and the others are still asked.
 * An empty file has 0 pages, 0 resident, and no error.
 * @param paths The files' names.
 * @param n How many.
 * @param out One answer per file, in the same order.
 * @param total_pages Where the sum of pages of the files whose residency is known goes.
 * @param total_resident Where the sum of their resident pages goes.
 * @return How many files were asked without error.
 */
size_t fincore(const char *const paths[], size_t n, struct file_residency out[],
               size_t *total_pages, size_t *total_resident);

#endif
