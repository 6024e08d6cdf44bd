/** @file config.h
 * @brief What one run of sharemap is asked to do, and the limits it keeps to.
 *
 * The options become a struct config that every part of the program reads:
 * the workers learn from it what to hold and how, the parent how many to
 * start, the printer where and in which form to write.
 */
#ifndef CH04_CONFIG_H
#define CH04_CONFIG_H

#include <stdint.h>
#include <stdio.h>

/** Workers, at most: 64 buffers of 1 GiB is already too many. */
#define MAX_PROCS 64
/** The largest file sharemap creates or measures: 1 GiB. */
#define MAX_SIZE (UINT64_C(1) << 30)
/** Workers when --procs is not given. */
#define DEFAULT_PROCS 4
/** The size of a file sharemap creates when --size is not given. */
#define DEFAULT_SIZE (UINT64_C(64) << 20)
/** FILE when none is named. */
#define DEFAULT_FILE "build/data/share.bin"

/** How the workers hold the file. */
enum mode {
    MODE_MMAP, /**< each maps it read-only and reads every page */
    MODE_READ, /**< each read()s it into a buffer of its own */
    MODE_BOTH  /**< a round of each: mmap, then read */
};

/** What worker 0 does besides reading (mmap mode only). */
enum writer {
    WRITER_NONE,    /**< nothing: it reads like the others */
    WRITER_PRIVATE, /**< maps MAP_PRIVATE and stores into every page */
    WRITER_SHARED   /**< maps MAP_SHARED and flips a byte in every page */
};

/** One run's settings, from the command line. */
struct config {
    const char *path;   /**< FILE */
    unsigned procs;     /**< how many workers */
    uint64_t size;      /**< FILE's size, if it must be created */
    int size_given;     /**< --size was given: a reused FILE must have that size */
    enum mode mode;     /**< how the workers hold FILE */
    enum writer writer; /**< what worker 0 does besides reading */
    int csv;            /**< print CSV rows instead of tables */
    int hold;           /**< wait for a line on stdin before the workers exit */
    FILE *out;          /**< where tables and rows go */
};

#endif
