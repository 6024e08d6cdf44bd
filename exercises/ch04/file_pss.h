/** @file file_pss.h
 * @brief Exercise 4.1: what one file's mappings cost a process, found by the file's name.
 */
#ifndef EX_FILE_PSS_H
#define EX_FILE_PSS_H

#include <sys/types.h>

/** The memory figures of every mapping of one file in one process, summed. */
struct file_memory {
    unsigned long long rss_kib; /**< Sum of the entries' Rss, in KiB. */
    unsigned long long pss_kib; /**< Sum of the entries' Pss, in KiB. */
    unsigned mappings;          /**< How many smaps entries map the file. */
};

/**
 * @brief Sum Rss and Pss over every entry of /proc/PID/smaps that maps @p path.
 *
 * An entry maps the file when the path at the end of its first line is
 * exactly @p path (not a longer or shorter name).
 * @param pid The process to look at.
 * @param path The file's absolute path, as the kernel prints it in smaps.
 * @param out Filled in on success: the sums, and the number of matching entries (0 if none).
 * @return 0 on success, even when no entry matches; -1 with errno set if smaps cannot be read.
 */
int file_memory(pid_t pid, const char *path, struct file_memory *out);

#endif
