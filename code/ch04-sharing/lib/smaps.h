/** @file smaps.h
 * @brief Ask the kernel what a process's memory costs: Rss, Pss, private and anonymous pages, from /proc.
 *
 * /proc/PID/smaps has one entry per mapping, a header line
 * ("start-end perms offset dev inode path") followed by "Key: N kB" lines.
 * /proc/PID/smaps_rollup has one entry, summed by the kernel over every
 * mapping, whose range spans them all.
 */
#ifndef CH04_SMAPS_H
#define CH04_SMAPS_H

#include <stdint.h>
#include <sys/types.h>

/** Kernel memory figures, in KiB as /proc reports them. */
struct memory {
    unsigned long long rss_kib;     /**< Rss: resident pages, each counted in full */
    unsigned long long pss_kib;     /**< Pss: each page divided among the mappings of it */
    unsigned long long private_kib; /**< Private_Clean + Private_Dirty: pages mapped only here (USS) */
    unsigned long long anon_kib;    /**< Anonymous: pages that belong to no file, this process's own copies */
};

/**
 * @brief Add one "Key: N kB" line of smaps or smaps_rollup to @p m.
 *
 * Lines with other keys, and entry headers, change nothing.
 * @param line One line, as fgets() read it.
 * @param m The figures to add to.
 */
void smaps_add_field(const char *line, struct memory *m);

/**
 * @brief Sum the entry of /proc/PID/NAME whose address range holds @p addr.
 * @param pid The process.
 * @param name "smaps" (one entry per mapping) or "smaps_rollup" (one entry for all).
 * @param addr An address inside the mapping wanted; for smaps_rollup, any mapped address.
 * @param m Filled in (zeroed first).
 * @return 0 on success; -1 with errno set (ENOENT if no entry holds @p addr,
 *         or the error of fopen()).
 */
int read_smaps(pid_t pid, const char *name, uintptr_t addr, struct memory *m);

#endif
