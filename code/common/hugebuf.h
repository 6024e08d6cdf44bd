/** @file hugebuf.h
 * @brief Anonymous memory in huge pages (or kept out of them), and what pages the kernel really gave.
 *
 * A benchmark's floor is the same loop over bytes already in memory. How
 * fast that loop goes depends on the pages under it: every page needs a TLB
 * entry (the processor's cache of address translations), and one huge page
 * (2 MiB on x86-64) covers what 512 pages of 4 KiB cover. Huge pages can
 * only be asked for, so the pages obtained are read back from
 * /proc/self/smaps. Chapter 3 introduces this; chapter 9 uses it again.
 */
#ifndef MMF_HUGEBUF_H
#define MMF_HUGEBUF_H

#include <stddef.h>

/** Anonymous memory aligned to the page size it asks for. */
struct huge_buffer {
    unsigned char *data; /**< The first byte, aligned to @c page (or a base page); NULL if none. */
    size_t size;         /**< Bytes the caller asked for. */
    size_t length;       /**< Bytes mapped from @c data: @c size rounded up to a whole page. */
    size_t page;         /**< The huge page size asked for; 0 if huge pages were refused. */
};

/**
 * @brief Map @p size bytes of anonymous memory, in huge pages or kept out of them.
 *
 * With @p huge, the buffer starts on a huge-page boundary and is marked
 * MADV_HUGEPAGE: the kernel backs it with huge pages if its transparent huge
 * page setting allows and it has them, otherwise with base pages. Without,
 * it is marked MADV_NOHUGEPAGE, so it is base pages even where huge pages
 * are the default.
 * @param b Filled in on success; zeroed on failure.
 * @param size Bytes needed; at least 1.
 * @param huge Ask for huge pages (1) or refuse them (0).
 * @return 0 on success; -1 with errno set if mmap() failed.
 */
int huge_buffer_alloc(struct huge_buffer *b, size_t size, int huge);

/**
 * @brief Unmap a buffer from huge_buffer_alloc(); harmless on a zeroed one.
 * @param b The buffer; zeroed afterwards.
 */
void huge_buffer_free(struct huge_buffer *b);

/**
 * @brief How many bytes of a buffer sit in huge pages, from AnonHugePages in /proc/self/smaps.
 *
 * Call it after the buffer has been written: pages exist only once touched.
 * @param b The buffer.
 * @return Bytes in huge pages (0 if none); -1 if /proc/self/smaps could not be read.
 */
long long huge_buffer_huge_bytes(const struct huge_buffer *b);

/**
 * @brief The size of a huge page, from /sys/kernel/mm/transparent_hugepage/hpage_pmd_size.
 * @return It in bytes; 2 MiB (x86-64's) if the kernel does not say.
 */
size_t huge_page_size(void);

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
