/** @file request.h
 * @brief Chapter 1: mapview's requests (-i INDEX, -s START:END, -f NEEDLE),
 * read strictly from the command line and checked against the file's size.
 */
#ifndef MMF_CH01_REQUEST_H
#define MMF_CH01_REQUEST_H

#include <stddef.h>
#include <stdint.h>

/** One -i, -s or -f option. */
struct request {
    char option;      /**< 'i', 's' or 'f'. */
    const char *text; /**< The option's argument as given. */
    int64_t index;    /**< -i: may be negative, counting from the end as in Python. */
    uint64_t start;   /**< -s: first byte of [start, end). */
    uint64_t end;     /**< -s: one past the last byte. */
};

/**
 * @brief Fill @p r from one option and its argument.
 * @param r      The request to fill.
 * @param option 'i', 's' or 'f'.
 * @param text   The option's argument.
 * @return 0, or -1 after a one-line message on stderr (a usage error).
 */
int parse_request(struct request *r, int option, const char *text);

/**
 * @brief Read "START:END": two plain decimal numbers, as strictly as parse_u64().
 * @param text  The argument.
 * @param start Set to START.
 * @param end   Set to END.
 * @return 0, or -1 with errno EINVAL (not two numbers) or ERANGE (too large).
 */
int parse_slice(const char *text, uint64_t *start, uint64_t *end);

/**
 * @brief Python's obj[i]: a negative index counts back from the end.
 * @param index The index as given.
 * @param size  The file's size.
 * @return The offset of the byte, or -1 if the index is out of range.
 */
int64_t resolve_index(int64_t index, size_t size);

/**
 * @brief Check a request against a file of @p size bytes.
 * @param r    The request.
 * @param size The file's size.
 * @return 0, or -1 after a one-line message on stderr.
 */
int check_request(const struct request *r, size_t size);

#endif
