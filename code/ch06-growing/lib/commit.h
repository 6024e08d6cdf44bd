/** @file commit.h
 * @brief Make appended records part of the log, in the one order that survives a crash.
 *
 * Appending stores records past the committed end, where nobody counts them.
 * log_commit() then makes them durable and only afterwards moves the
 * committed length over them:
 *
 * 1. the records, written to disk (msync() with MS_SYNC, or fdatasync(), or fsync());
 * 2. the committed length, stored in the header: readers see the records now;
 * 3. the header, written to disk: the records now survive a power cut too.
 *
 * If the process dies anywhere, the header holds the old length or the new
 * one, and whatever it holds covers only records already on disk.
 */
#ifndef CH06_COMMIT_H
#define CH06_COMMIT_H

struct log;

/** How a commit waits for the disk. */
enum sync_method {
    SYNC_MSYNC,     /**< msync(MS_SYNC) of the pages that changed. */
    SYNC_FDATASYNC, /**< fdatasync(): all the file's data, and the size. */
    SYNC_FSYNC      /**< fsync(): all the file's data and all its metadata. */
};

/**
 * @brief The method named @p name ("msync", "fdatasync" or "fsync").
 * @param name The name, as given to --sync.
 * @param out Where the method goes.
 * @return 0 on success; -1 if no method has that name.
 */
int sync_parse(const char *name, enum sync_method *out);

/**
 * @brief The name of a method, for messages.
 * @param m The method.
 * @return "msync", "fdatasync" or "fsync".
 */
const char *sync_name(enum sync_method m);

/**
 * @brief Commit every record appended since the last commit.
 * @param log A log open for writing.
 * @return 0 on success (and when there was nothing to commit); -1 with the
 *         log's error set (see log_error()) if a sync failed or the header
 *         could not be stored. After a failure in step 1 nothing changed.
 */
int log_commit(struct log *log);

#endif
