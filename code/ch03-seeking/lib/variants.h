/** @file variants.h
 * @brief The eight ways seekbench reads the pattern's bytes, in one table.
 *
 * Each variant runs the whole pattern once over the benchmark's file and
 * returns the checksum it folded; it counts the system calls it makes in
 * struct bench. The table is what the benchmark iterates over, so no variant
 * can be left out of the timing, the counting or the checking.
 */
#ifndef CH03_VARIANTS_H
#define CH03_VARIANTS_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/** Everything a variant needs, and what it counts while it runs. */
struct bench {
    int fd;                      /**< the file, open read-only for every variant */
    const char *path;            /**< its name, for messages */
    uint64_t size;               /**< bytes the pattern covers */
    off_t limit;                 /**< the loop runs while the position is <= limit */
    unsigned k;                  /**< bytes processed per step */
    const unsigned char *memory;    /**< the file's copy in huge pages where allowed, for `memory` */
    const unsigned char *memory_4k; /**< the same copy in 4 KiB pages, for `memory_4k` */
    unsigned long syscalls;      /**< system calls made by the current run */
    FILE *stream;                /**< a stdio stream on the file, for `stdio` */
    int io_fd;                   /**< /proc/self/io, or -1: the kernel's count of reads */
};

/** One way of reading the pattern's bytes. */
struct variant {
    const char *name; /**< its name in the table, the CSV and the chart */
    int reads_data;   /**< 0 for lseek_only, whose checksum means nothing */
    /** Run the pattern once; 0 and the checksum in *sum, or -1 after a one-line message. */
    int (*run)(struct bench *b, uint64_t *sum);
};

/** Room for every variant, for arrays indexed like the table. */
enum { VARIANT_MAX = 8 };

/** The table, in the order the results are printed. */
extern const struct variant variants[];

/** How many variants the table holds (at most VARIANT_MAX). */
extern const unsigned variant_count;

/**
 * @brief Find a variant by name.
 * @param name For example "pread".
 * @return Its entry in the table, or NULL if there is none of that name.
 */
const struct variant *variant_find(const char *name);

/**
 * @brief Where a variant sits in the table, for arrays of results.
 * @param v An entry of the table.
 * @return Its index, 0 to variant_count - 1.
 */
unsigned variant_index(const struct variant *v);

/**
 * @brief One of this process's I/O counts, as the kernel keeps them.
 * @param io_fd /proc/self/io, open for reading, or -1.
 * @param field "syscr" (read calls made) or "read_bytes" (bytes fetched from storage).
 * @return The field's value, or -1 if it cannot be read.
 */
long kernel_io_count(int io_fd, const char *field);

/**
 * @brief Open what the stdio variant and the read counting need: a stream on
 * its own descriptor, so that fclose() leaves b->fd open, and /proc/self/io;
 * and install the SIGBUS guard the mapped variants run under (guard.h).
 * @param b The bench; b->fd must be open.
 * @return 0, or -1 after a one-line message.
 */
int open_helpers(struct bench *b);

/**
 * @brief Close what open_helpers() opened and release the guard; harmless if it failed.
 * @param b The bench.
 */
void close_helpers(struct bench *b);

#endif
