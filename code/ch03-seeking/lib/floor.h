/** @file floor.h
 * @brief The floor: the file's bytes in ordinary memory, in pages of a known size.
 *
 * The `memory` variants run the pattern's loop over a copy of the file made
 * before the clock starts. How fast that loop goes depends on the size of
 * the pages under it: every page needs a TLB entry (the processor's cache of
 * address translations), and a 2 MiB page covers what 512 pages of 4 KiB
 * cover. So each buffer says what pages it really got. The memory comes
 * from hugebuf.h, which chapter 9 uses too.
 */
#ifndef CH03_FLOOR_H
#define CH03_FLOOR_H

#include "hugebuf.h"

#include <stddef.h>
#include <stdint.h>

/** A copy of the file's region in anonymous memory. */
struct floor_buffer {
    struct huge_buffer mem; /**< the memory the copy lives in (hugebuf.h) */
    size_t rss_kib;         /**< KiB of the copy resident (smaps Rss), 0 if unknown */
    size_t huge_kib;        /**< KiB of it in huge pages (smaps AnonHugePages) */
};

/**
 * @brief Copy the file's first @p size bytes into anonymous memory with pread().
 *
 * The memory is huge_buffer_alloc()'s: with @p huge, in huge pages if the
 * kernel gives them; without, kept in 4 KiB pages. Either way the pages the
 * kernel really used are read back from /proc/self/smaps.
 * @param f Filled in; release with floor_release().
 * @param fd The file.
 * @param path Its name, for messages.
 * @param size Bytes to copy.
 * @param huge Ask for huge pages.
 * @return 0, or -1 after a one-line message.
 */
int floor_load(struct floor_buffer *f, int fd, const char *path, uint64_t size, int huge);

/**
 * @brief Unmap a buffer floor_load() made; harmless on a zeroed struct.
 * @param f The buffer.
 */
void floor_release(struct floor_buffer *f);

/**
 * @brief The page size the kernel actually used for a buffer, in bytes.
 * @param f A loaded buffer.
 * @return The huge page size if every resident KiB is in huge pages, the base
 *         page size if none is, or 0 if the buffer is a mixture (or unknown).
 */
size_t floor_page_size(const struct floor_buffer *f);

/**
 * @brief How the kernel maps the file itself: map it with MAP_POPULATE, then
 *        ask smaps how much is resident and how much of that is mapped by
 *        huge (PMD) page-table entries, as a large folio in the page cache can be.
 * @param fd The file.
 * @param size Bytes to map.
 * @param rss_kib Where the resident KiB go.
 * @param pmd_kib Where the KiB mapped by huge entries go (smaps FilePmdMapped).
 * @return 0, or -1 if the mapping or smaps could not be had.
 */
int mapping_pages(int fd, uint64_t size, size_t *rss_kib, size_t *pmd_kib);

#endif
