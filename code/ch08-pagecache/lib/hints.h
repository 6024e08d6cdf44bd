/** @file hints.h
 * @brief Advice to the kernel about a mapping: madvise() and the two ways to populate it.
 * madvise() tells the kernel how a range will be used: MADV_SEQUENTIAL and
 * MADV_RANDOM change readahead, MADV_WILLNEED starts reading now, MADV_DONTNEED
 * drops this process's page table entries. Populating maps every page before
 * the first touch: MAP_POPULATE at mmap() time, or MADV_POPULATE_READ
 * (Linux 5.14 and later) on a mapping that exists.
 */
#ifndef CH08_HINTS_H
#define CH08_HINTS_H

#include <stddef.h>

/** The advice a scan gives, as named on the command line. */
enum advice {
    ADVISE_NORMAL,     /**< MADV_NORMAL: the default, readahead as the kernel sees fit */
    ADVISE_SEQUENTIAL, /**< MADV_SEQUENTIAL */
    ADVISE_RANDOM,     /**< MADV_RANDOM */
    ADVISE_WILLNEED,   /**< MADV_WILLNEED */
    ADVISE_DONTNEED    /**< MADV_DONTNEED, given after the scan (before it, it would do nothing) */
};

/** How the mapping is populated before the scan. */
enum populate {
    POPULATE_NONE,    /**< every page faults in when first touched */
    POPULATE_MAP,     /**< MAP_POPULATE in the mmap() flags */
    POPULATE_MADVISE  /**< madvise(MADV_POPULATE_READ) after mmap() */
};

/**
 * @brief Parse an advice name ("normal", "sequential", "random", "willneed", "dontneed").
 * @param text The name.
 * @param advice Set on success.
 * @return 0 on success; -1 with errno set to EINVAL for any other name.
 */
int advice_parse(const char *text, enum advice *advice);

/**
 * @brief The name advice_parse() takes for @p advice.
 * @param advice The advice.
 * @return Its name.
 */
const char *advice_name(enum advice advice);

/**
 * @brief Parse a populate method ("map" or "madvise"; "none" for the default).
 * @param text The name.
 * @param populate Set on success.
 * @return 0 on success; -1 with errno set to EINVAL for any other name.
 */
int populate_parse(const char *text, enum populate *populate);

/**
 * @brief The name populate_parse() takes for @p populate.
 * @param populate The method.
 * @return Its name.
 */
const char *populate_name(enum populate populate);

/**
 * @brief The extra mmap() flags @p populate asks for (MAP_POPULATE or 0).
 * @param populate The method.
 * @return Flags to OR into mmap()'s flags.
 */
int populate_map_flags(enum populate populate);

/**
 * @brief Give @p advice for [@p addr, @p addr + @p length) with madvise().
 * @param addr Start of the mapping (page-aligned).
 * @param length Bytes in it.
 * @param advice The advice.
 * @return 0 on success; -1 with errno set by madvise().
 */
int advise(void *addr, size_t length, enum advice advice);

/**
 * @brief Populate a mapping with madvise(MADV_POPULATE_READ).
 * Reads every page in and maps it, as the first touches would, before the
 * scan starts. Kernels before 5.14 do not know the advice and fail with EINVAL.
 * @param addr Start of the mapping.
 * @param length Bytes in it.
 * @return 0 on success; -1 with errno set (EINVAL: the kernel is too old;
 *         EFAULT: a page could not be read, as when the file shrank).
 */
int populate_read(void *addr, size_t length);

#endif
