/** @file log.h
 * @brief An append-only log in a file, written and read through a shared mapping.
 *
 * log_open() maps a log (creating it first if asked), log_append() stores a
 * record past the committed end, growing the file and the mapping when the
 * record does not fit, and log_commit() (commit.h) makes what was appended
 * part of the log. Every access to the mapping is guarded (guard.h): a SIGBUS
 * (a full file system under a sparse file, a file truncated by someone else)
 * becomes an error, never the end of the process.
 *
 * On failure a function returns -1 and leaves the reason in the log:
 * log_error() gives it as one sentence for `maplog: FILE: reason`.
 */
#ifndef CH06_LOG_H
#define CH06_LOG_H

#include "commit.h"
#include "format.h"
#include "grow.h"
#include "remap.h"

#include <stddef.h>
#include <stdint.h>

/** How a log grows, follows its growth and waits for the disk. */
struct log_settings {
    enum grow_strategy grow;   /**< ftruncate or fallocate. */
    enum remap_strategy remap; /**< reserve, mremap or unmap. */
    enum sync_method sync;     /**< msync, fdatasync or fsync. */
    uint64_t chunk;            /**< The file grows to a multiple of this: whole pages. */
    uint64_t reserve;          /**< Address space mapped at once with REMAP_RESERVE. */
};

/** The defaults: fallocate, mremap, msync, 64 KiB chunks, 1 GiB reserved. */
extern const struct log_settings log_defaults;

/** An open log. */
struct log {
    const char *path;            /**< Its name, for messages. */
    int fd;                      /**< The file; -1 when closed. */
    int writable;                /**< Open for appending. */
    struct view view;            /**< The mapping. */
    uint64_t size;               /**< The file's size, as this process made or found it. */
    uint64_t committed;          /**< The committed length, as last read or written. */
    uint64_t end;                /**< Past the last record appended, committed or not. */
    unsigned long growths;       /**< Times the file grew. */
    unsigned long commits;       /**< Commits that wrote something. */
    uint64_t grow_ns;            /**< Time spent growing the file, in nanoseconds. */
    uint64_t remap_ns;           /**< Time spent making the mapping follow it. */
    struct log_settings settings; /**< As given to log_open(). */
    const char *what;            /**< After a failure: the call, or the whole reason if err is 0. */
    int err;                     /**< After a failure: its errno, or 0. */
    char message[192];           /**< Room for log_error()'s sentence. */
};

/**
 * @brief Open a log, map it and check its header; create it first if asked and missing.
 *
 * A new log is written under a temporary name, flushed, linked into place
 * (never over an existing file) and its directory flushed, so a crash leaves
 * either no log or an empty, sound one. A writer takes a lock on the file:
 * a second writer is refused rather than allowed to interleave.
 * @param log Filled in; on failure only its error is meaningful.
 * @param path The file.
 * @param writable Nonzero to append.
 * @param create Nonzero to create the log when there is no file.
 * @param settings How it grows; NULL for log_defaults.
 * @return 0 on success; -1 with the log's error set.
 */
int log_open(struct log *log, const char *path, int writable, int create,
             const struct log_settings *settings);

/**
 * @brief Store one record after the last one, growing the file first if it does not fit.
 *
 * The record is not part of the log until log_commit().
 * @param log A log open for writing.
 * @param bytes The record.
 * @param length Its length, at most RECORD_MAX.
 * @return 0 on success; -1 with the log's error set (growth failed, the
 *         mapping could not follow, or the store raised SIGBUS).
 */
int log_append(struct log *log, const void *bytes, size_t length);

/**
 * @brief Copy the committed record at @p offset out of the mapping and verify it.
 * @param log An open log.
 * @param offset Where the record starts: LOG_HEADER_SIZE, or the @p next of the last call.
 * @param buf RECORD_MAX bytes of ordinary memory for the record's bytes.
 * @param length Where its length goes.
 * @param next Where the offset of the record after it goes.
 * @return 0 on success; -1 with the log's error set (the record runs past
 *         the committed end, its checksum is wrong, or reading it raised SIGBUS).
 */
int log_read(struct log *log, uint64_t offset, unsigned char *buf, uint32_t *length,
             uint64_t *next);

/**
 * @brief Unmap and close; harmless on a closed log.
 * @param log The log.
 * @return 0 on success; -1 with the log's error set if munmap() or close() failed.
 */
int log_close(struct log *log);

/**
 * @brief Record a failure in the log, for log_error().
 * @param log The log.
 * @param what The call that failed, or the whole reason when @p err is 0.
 * @param err Its errno, or 0.
 * @return -1, for the caller to return.
 */
int log_fail(struct log *log, const char *what, int err);

/**
 * @brief The last failure, as one sentence: "fallocate: No space left on device".
 * @param log The log.
 * @return The sentence, in the log's own buffer.
 */
const char *log_error(struct log *log);

#endif
