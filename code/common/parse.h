/** @file parse.h
 * @brief Strict number parsing for command-line arguments.
 *
 * atoi() turns "12abc" into 12 and "99999999999999999999" into nonsense.
 * These functions accept a number only when the whole string is one and it
 * fits, so a typo becomes an error message instead of a wrong offset.
 */
#ifndef MMF_PARSE_H
#define MMF_PARSE_H

#include <stdint.h>

/**
 * @brief Parse a whole string as an unsigned decimal number no larger than @p max.
 * @param text The string; leading or trailing spaces, a sign or a suffix make it malformed.
 * @param max The largest value accepted.
 * @param out Where the value goes on success; untouched on failure.
 * @return 0 on success; -1 with errno set to EINVAL (malformed) or ERANGE (too large).
 */
int parse_u64(const char *text, uint64_t max, uint64_t *out);

/**
 * @brief Parse a whole string as a signed decimal number in [@p min, @p max].
 * @param text The string; an optional leading '-' is allowed.
 * @param min The smallest value accepted.
 * @param max The largest value accepted.
 * @param out Where the value goes on success; untouched on failure.
 * @return 0 on success; -1 with errno set to EINVAL (malformed) or ERANGE (out of range).
 */
int parse_i64(const char *text, int64_t min, int64_t max, int64_t *out);

/**
 * @brief Parse a byte count: a number with an optional binary suffix K, M or G.
 * @param text For example "4096", "64M" or "1G" (K = 1024, M = 1024 K, G = 1024 M).
 * @param max The largest byte count accepted.
 * @param out Where the count goes on success; untouched on failure.
 * @return 0 on success; -1 with errno set to EINVAL (malformed) or ERANGE (too large).
 */
int parse_bytes(const char *text, uint64_t max, uint64_t *out);

/**
 * @brief Parse an option's whole-number argument in [@p min, @p max], reporting a bad one.
 *
 * On failure prints one line, `program: OPTION: TEXT: reason`, where the
 * reason is parse_error()'s for text that is no number at all, or "must be
 * MIN to MAX" for a number outside the range (a negative one included), and
 * returns -1: the caller exits with EXIT_USAGE.
 * @param option The option as the user would name it ("--runs").
 * @param text The argument as given.
 * @param min The smallest value allowed.
 * @param max The largest value allowed.
 * @param out Where the value goes on success; untouched on failure.
 * @return 0 on success; -1 after the message.
 */
int parse_option_number(const char *option, const char *text, int64_t min, int64_t max,
                        int64_t *out);

/**
 * @brief A short reason for a parse failure, for error messages.
 * @param errnum The errno a parse function set.
 * @return "not a valid number" for EINVAL, "number out of range" for ERANGE.
 */
const char *parse_error(int errnum);

#endif
