/** @file floor.h
 * @brief The floor: the file's bytes in ordinary memory, in pages of a known size.
 *
 * The `memory` variants run the pattern's loop over a copy of the file made
 * before the clock starts. How fast that loop goes depends on the size of
 * the pages under it: every page needs a TLB entry (the processor's cache of
 * address translations), and a 2 MiB page covers what 512 pages of 4 KiB
 * cover. So each buffer says what pages it really got.
 */
#ifndef CH03_FLOOR_H
#define CH03_FLOOR_H

#include <stddef.h>
#include <stdint.h>

/** A copy of the file's region in anonymous memory. */
struct floor_buffer {
    unsigned char *data; /**< the copy's first byte */
    void *map;           /**< the whole anonymous mapping, for munmap() */
    size_t map_length;   /**< its length */
    size_t rss_kib;      /**< KiB of the copy resident (smaps Rss), 0 if unknown */
    size_t huge_kib;     /**< KiB of it in huge pages (smaps AnonHugePages) */
    size_t huge_page;    /**< the huge page size asked for; 0 for 4 KiB pages */
};

/**
 * @brief Copy the file's first @p size bytes into anonymous memory with pread().
 *
 * With @p huge, the copy starts on a huge-page boundary and is marked
 * MADV_HUGEPAGE, so the kernel backs it with huge pages if its transparent
 * huge page setting allows; without, it is marked MADV_NOHUGEPAGE, so it is
 * 4 KiB pages even where huge pages are the default. Either way the pages
 * the kernel really used are read back from /proc/self/smaps.
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

/**
 * @brief The system's transparent huge page mode.
 * @return "always", "madvise", "never", or "unavailable" when the kernel has none.
 */
const char *thp_mode(void);

/**
 * @brief Read one field of the /proc/self/smaps entry that holds @p addr.
 * @param addr An address inside a mapping.
 * @param field For example "Rss", "AnonHugePages" or "FilePmdMapped".
 * @param kib Where the value (in KiB) goes.
 * @return 0, or -1 if there is no such mapping or field (or no /proc).
 */
int smaps_field(const void *addr, const char *field, size_t *kib);

#endif
