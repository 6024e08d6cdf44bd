/** @file count.h
 * @brief Chapter 7's programs' numeric options: counts of 1 or more, each with its limit.
 */
#ifndef CH07_COUNT_H
#define CH07_COUNT_H

#include <stdint.h>

/**
 * @brief Parse an option's count, 1 to @p max, reporting a bad one in one line.
 * @param option The option as the user would name it ("--procs").
 * @param text The argument as given.
 * @param max The largest count allowed.
 * @param out Where the count goes on success.
 * @return 0 on success; -1 after `program: OPTION: TEXT: reason` on stderr.
 */
int parse_count(const char *option, const char *text, uint64_t max, uint64_t *out);

#endif
