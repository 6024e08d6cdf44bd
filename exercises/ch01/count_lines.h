/** @file count_lines.h
 * @brief Exercise 1.1: count the lines of a file through a mapping.
 */
#ifndef EX_COUNT_LINES_H
#define EX_COUNT_LINES_H

/**
 * @brief Count the newline bytes in a file, as `wc -l` does, without read().
 * @param path The file.
 * @return The number of '\n' bytes (0 for an empty file), or -1 with errno set
 *         if the file cannot be opened or mapped.
 */
long count_lines(const char *path);

#endif
