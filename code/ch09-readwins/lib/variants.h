/** @file variants.h
 * @brief The ways to scan a file, found by name: read() with five buffer sizes, pread(), three kinds of mmap(), and the three yardsticks.
 * Each variant folds every byte of the file (fold.h) and reports the
 * checksum, so that all of them can be checked against each other, and
 * counts the system calls it makes to read or map (read, lseek, pread, mmap,
 * madvise, munmap; starting threads is not counted).
 * A read variant makes ceil(size / buffer) + 2 calls: one lseek() back to
 * the start, the reads that return data, and the read that returns 0 at the
 * end of the file. pread_1m makes ceil(slice / 1 MiB) calls for each
 * thread's slice. A mapping variant makes 2 (mmap, munmap), 3 with madvise().
 */
#ifndef CH09_VARIANTS_H
#define CH09_VARIANTS_H

#include <stddef.h>
#include <stdint.h>

#include "floor.h"

/** Everything a variant needs; set up once, before anything is timed. */
struct scan {
    int fd;                       /**< The file, open read-only. */
    const char *path;             /**< Its name, for error messages. */
    uint64_t size;                /**< Its size in bytes (at least 1). */
    unsigned threads;             /**< Threads for the variants that split the file. */
    unsigned char *buffers;       /**< threads * SCAN_MAX_BUFFER bytes for read() and pread(). */
    struct huge_buffer memory;    /**< The file's bytes, for `memory`. */
    struct huge_buffer small;     /**< The file's bytes again, huge pages refused, for `memory_4k`. */
    unsigned char *copy_src;      /**< limit_size bytes, for `memcpy`. */
    unsigned char *copy_dst;      /**< limit_size bytes, for `memcpy`. */
    size_t limit_size;            /**< Bytes memcpy() copies per run. */
};

/** The most threads a scan may split the file among (--threads). */
#define SCAN_MAX_THREADS 64

/** The largest buffer a read variant uses. */
#define SCAN_MAX_BUFFER ((size_t)1 << 20)

/** What one run of a variant produced. */
struct scan_result {
    uint64_t checksum;      /**< The fold of the file (meaningless for memcpy). */
    unsigned long syscalls; /**< Calls made to read or map, as the file's comment defines. */
    uint64_t bytes;         /**< Bytes the run processed: the file's size, or the copy's. */
};

/** One way to scan. */
struct variant {
    const char *name;  /**< For the table, the CSV and variant_by_name(). */
    size_t buffer;     /**< read()/pread() buffer size in bytes; 0 for the others. */
    int threaded;      /**< 1 if --threads splits its work among threads. */
    int reads_file;    /**< 1 if it touches the file (and --cold evicts before it). */
    int has_checksum;  /**< 0 for memcpy, which folds nothing. */
    /** Run once; 0 on success, -1 after a one-line error on stderr. */
    int (*run)(const struct variant *v, const struct scan *s, struct scan_result *out);
};

/**
 * @brief How many variants there are.
 * @return The count.
 */
size_t variant_count(void);

/**
 * @brief The variant at position @p i, in the order the table lists them.
 * @param i 0 to variant_count() - 1.
 * @return The variant.
 */
const struct variant *variant_at(size_t i);

/**
 * @brief Find a variant by its name.
 * @param name For example "read_16k", "mmap_populate".
 * @return The variant, or NULL if there is none of that name.
 */
const struct variant *variant_by_name(const char *name);

/**
 * @brief Prepare the buffers every variant needs, reading the file into `memory` and `memory_4k`'s buffer.
 * @param s Its fd, size and threads set; the rest is filled in.
 * @param path The file's name, for error messages.
 * @return 0 on success; -1 after a one-line error on stderr.
 */
int scan_setup(struct scan *s, const char *path);

/**
 * @brief Free what scan_setup() allocated; harmless after a failed setup.
 * @param s The scan.
 */
void scan_teardown(struct scan *s);

/**
 * @brief The checksum of the file's bytes in memory, folded in one piece: the reference.
 * @param s A scan after scan_setup().
 * @return The checksum every variant but memcpy must agree with.
 */
uint64_t scan_reference(const struct scan *s);

#endif
