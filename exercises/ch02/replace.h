/** @file replace.h
 * @brief Exercise 2.2: find and replace a word of the same length, in place, through a shared mapping.
 */
#ifndef EX_REPLACE_H
#define EX_REPLACE_H

/**
 * @brief Replace every occurrence of @p from in a file with @p to, in place,
 * through a MAP_SHARED mapping.
 *
 * Occurrences are found left to right and do not overlap: the search goes on
 * after the end of each replaced one, so "aa" to "ba" in "aaa" gives "baa".
 * A mapping cannot move the rest of the file, so @p to must be as long as
 * @p from. msync(MS_SYNC) is called if, and only if, something was replaced.
 * An empty file holds no occurrence and is not mapped (mmap() refuses length 0).
 * @param path The file.
 * @param from The bytes to look for; not empty.
 * @param to The bytes to put in their place; as long as @p from.
 * @return How many occurrences were replaced (0 if none); -1 with errno set on
 *         failure: EINVAL for an empty @p from or lengths that differ (checked
 *         before the file is opened), otherwise the errno of the call that failed.
 */
long long replace_all(const char *path, const char *from, const char *to);

#endif
