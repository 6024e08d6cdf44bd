/** @file remap.h
 * @brief Keep a mapping covering a file that grows: reserve, mremap, or unmap and map again.
 *
 * A mapping keeps the length it was given. When its file grows, the new
 * bytes are outside it, and one of three things must happen:
 *
 * - reserve: map far more than the file holds, once. Pages past the end of
 *   the file raise SIGBUS until the file grows over them, then work through
 *   the same mapping, at the same address. Costs address space only.
 * - mremap: ask Linux to extend the mapping (MREMAP_MAYMOVE lets it move the
 *   mapping when the addresses after it are taken). Pointers into the old
 *   addresses are then stale.
 * - unmap: munmap() and mmap() again, the portable way; the address changes
 *   too, and the pages must be found again on the next touch.
 */
#ifndef CH06_REMAP_H
#define CH06_REMAP_H

#include <stddef.h>

/** How a mapping follows its file. */
enum remap_strategy {
    REMAP_RESERVE, /**< One large mapping, made once. */
    REMAP_MREMAP,  /**< mremap() with MREMAP_MAYMOVE at each growth. */
    REMAP_UNMAP    /**< munmap() and mmap() at each growth. */
};

/** A mapping of a whole file, which may be made to follow it as it grows. */
struct view {
    unsigned char *base;     /**< The mapping's first byte; NULL when nothing is mapped. */
    size_t length;           /**< Bytes mapped. */
    size_t covered;          /**< Bytes of the file the mapping may be used for: its size. */
    enum remap_strategy how; /**< The strategy. */
    int fd;                  /**< The file. */
    int prot;                /**< PROT_READ, or PROT_READ|PROT_WRITE. */
    unsigned long remaps;    /**< Times the mapping was changed to follow the file. */
    unsigned long moves;     /**< Times that changed its address. */
};

/**
 * @brief The strategy named @p name ("reserve", "mremap" or "unmap").
 * @param name The name, as given to --remap.
 * @param out Where the strategy goes.
 * @return 0 on success; -1 if no strategy has that name.
 */
int remap_parse(const char *name, enum remap_strategy *out);

/**
 * @brief The name of a strategy, for messages and tables.
 * @param s The strategy.
 * @return "reserve", "mremap" or "unmap".
 */
const char *remap_name(enum remap_strategy s);

/**
 * @brief Map the first @p size bytes of @p fd, shared.
 * @param v Filled in; zeroed on failure.
 * @param fd The file.
 * @param size Its size now (at least 1).
 * @param writable Nonzero to map it PROT_READ|PROT_WRITE.
 * @param how The strategy later growth uses.
 * @param reserve For REMAP_RESERVE, the bytes of address space to map at once.
 * @return 0 on success; -1 with errno set (EFBIG if @p size exceeds @p reserve).
 */
int view_map(struct view *v, int fd, size_t size, int writable, enum remap_strategy how,
             size_t reserve);

/**
 * @brief Make the mapping cover the file's new size, @p size bytes.
 *
 * v->base may change: recompute every pointer into the mapping afterwards.
 * @param v The view.
 * @param size The file's size now, larger than v->covered.
 * @return 0 on success; -1 with errno set (EFBIG when the file outgrows the
 *         reservation; the errno of mremap() or mmap()). On failure the view
 *         still covers what it covered before, except after a failed mmap()
 *         of REMAP_UNMAP, when nothing is mapped (v->base is NULL).
 */
int view_follow(struct view *v, size_t size);

/**
 * @brief Unmap the view; harmless when nothing is mapped.
 * @param v The view; zeroed afterwards.
 * @return 0 on success; -1 with errno set if munmap() failed.
 */
int view_unmap(struct view *v);

#endif
