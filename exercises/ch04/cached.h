/** @file cached.h
 * @brief Exercise 4.2: how much of a file is in the page cache, asked without reading it.
 */
#ifndef EX_CACHED_H
#define EX_CACHED_H

#include <stddef.h>

/**
 * @brief Count the pages of a file that are in the page cache, without reading the
 * file and without touching a page of the mapping made to ask.
 * @param path The file.
 * @param cached Where the number of resident pages goes.
 * @param total Where the file's size in pages goes (a partial last page counts).
 * @return 0 on success; -1 with errno set if the file cannot be opened or mapped
 * (an empty file, a directory) or mincore() fails, or with errno EACCES if
 * mincore() would not tell the truth: it reports every page resident to a
 * process that neither owns the file nor may write it (Linux 5.2 on).
 * Nothing stays mapped or open.
 */
int cached_pages(const char *path, size_t *cached, size_t *total);

#endif
