/** @file maps.h
 * @brief Which line of /proc/self/maps holds an address.
 *
 * /proc/PID/maps lists a process's mappings, one a line: the address range,
 * the permissions (`rw-s`: s for shared, p for private), the offset, the
 * device and inode, and what is mapped: a file, `/memfd:NAME (deleted)`,
 * `/dev/zero (deleted)` for shared anonymous memory, `[heap]`, or nothing for
 * private anonymous memory. It is the plainest evidence of what a call made.
 */
#ifndef CH07_MAPS_H
#define CH07_MAPS_H

#include <stdint.h>

/** One line of /proc/self/maps. */
struct maps_entry {
    uintptr_t start;  /**< First address of the mapping. */
    uintptr_t end;    /**< One past its last address. */
    char perms[5];    /**< For example "rw-s". */
    char path[256];   /**< What is mapped; empty for private anonymous memory. */
    char line[512];   /**< The whole line, without its newline. */
};

/**
 * @brief Find the mapping that holds @p addr in this process.
 * @param addr Any address.
 * @param e Filled in when found.
 * @return 1 when found; 0 when no mapping holds @p addr; -1 with errno set
 *         if /proc/self/maps could not be read.
 */
int maps_find(const void *addr, struct maps_entry *e);

#endif
