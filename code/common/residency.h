/** @file residency.h
 * @brief How much of a mapping is in memory, asked with mincore(), and whether the answer can be trusted.
 *
 * mincore() fills one byte per page of a mapping; bit 0 says whether the page
 * is resident in memory (for a file, in the page cache). Since Linux 5.2 it
 * tells the truth about a file's pages only to a process that owns the file
 * or could open it for writing; to anyone else it reports every page
 * resident, so that page-cache contents cannot be used as a side channel.
 * residency_known() tells the two cases apart before a count is trusted.
 */
#ifndef MMF_RESIDENCY_H
#define MMF_RESIDENCY_H

#include <stddef.h>

/**
 * @brief Count the resident pages of [@p addr, @p addr + @p length).
 * @param addr Start of the range: page-aligned, inside a mapping.
 * @param length Bytes in the range; rounded up to whole pages.
 * @param resident Where the count of resident pages goes.
 * @return 0 on success; -1 with errno set (ENOMEM for an unmapped range).
 */
int count_resident(const void *addr, size_t length, size_t *resident);

/**
 * @brief Whether mincore() will tell this process the truth about a file's pages.
 *
 * True when the caller owns the file, is root, or may open it for writing:
 * the kernel's own test (can_do_mincore() in mm/mincore.c).
 * @param fd An open descriptor of the file.
 * @return 1 if mincore() reports real residency; 0 if it will claim every
 *         page is resident whatever the truth; -1 with errno set if fstat() failed.
 */
int residency_known(int fd);

#endif
