/** @file pickscan.h
 * @brief Exercise 9.1: checksum a file with read() when it is small, through a mapping when it is large.
 *
 * Chapter 9 measured where mmap starts to beat read() on this machine. A
 * program that reads whole files can use that: read() below a threshold,
 * mmap() from it on.
 */
#ifndef EX_PICKSCAN_H
#define EX_PICKSCAN_H

#include <stddef.h>
#include <stdint.h>

/** Which way scan_file() read the file. */
enum scan_way {
    SCAN_NONE, /**< Nothing was read (an error). */
    SCAN_READ, /**< A read() loop. */
    SCAN_MMAP, /**< A mapping. */
};

/**
 * @brief Sum every byte of the file at @p path (as unsigned values), choosing the way by its size.
 * @param path The file.
 * @param threshold Files of fewer bytes than this are read with read(); the
 *        others are mapped. A file of 0 bytes is always read (it cannot be mapped).
 * @param sum Where the sum goes.
 * @param way Where the way used goes; SCAN_NONE on failure.
 * @return 0 on success; -1 with errno set on failure (EISDIR for a
 *         directory, or the errno of the call that failed).
 */
int scan_file(const char *path, size_t threshold, uint64_t *sum, enum scan_way *way);

#endif
