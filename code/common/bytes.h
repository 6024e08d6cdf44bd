/** @file bytes.h
 * @brief Show bytes to a person: printable characters as they are, the rest escaped.
 */
#ifndef MMF_BYTES_H
#define MMF_BYTES_H

#include <stddef.h>
#include <stdio.h>

/**
 * @brief Print bytes between double quotes, the way Python prints a bytes object.
 *
 * Printable ASCII is printed as is; `"` and `\` are escaped with a backslash;
 * newline, tab and carriage return as `\n`, `\t`, `\r`; every other byte as `\xNN`.
 * @param out The stream to print on.
 * @param bytes The first byte.
 * @param n How many bytes.
 * @return The number of characters printed, or -1 on an output error.
 */
int print_escaped(FILE *out, const unsigned char *bytes, size_t n);

/**
 * @brief Print bytes escaped as print_escaped() does, without the quotes.
 *
 * A long run can be printed piece by piece: the pieces join into what one
 * call would have printed between the quotes.
 * @param out The stream to print on.
 * @param bytes The first byte.
 * @param n How many bytes.
 * @return The number of characters printed, or -1 on an output error.
 */
int print_escaped_run(FILE *out, const unsigned char *bytes, size_t n);

#endif
