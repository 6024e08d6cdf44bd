/** @file scratch.h
 * @brief A private directory for the probes' files, that leaves nothing behind.
 *
 * Each probe makes its file under one fixed name in the directory and
 * unlinks it at once, keeping only a descriptor: when the child that ran the
 * probe dies, of a signal or not, the kernel frees the file. Because the
 * name is fixed, removing the directory needs no listing of it, and
 * scratch_dir_remove() can run inside a signal handler.
 */
#ifndef CH05_SCRATCH_H
#define CH05_SCRATCH_H

#include <stddef.h>
#include <sys/types.h>

/**
 * @brief Make a fresh directory mapfail-XXXXXX under $TMPDIR (or /tmp).
 * @param dir Where its path goes.
 * @param size The size of @p dir.
 * @return 0 on success; -1 with errno set (ENAMETOOLONG if @p dir is too small).
 */
int scratch_dir_create(char *dir, size_t size);

/**
 * @brief Remove the directory and the probe file a killed child may have left in it.
 *
 * Async-signal-safe: only unlink() and rmdir(), on names built beforehand
 * by scratch_dir_create() (or, for a directory made elsewhere, on the first call).
 * @param dir The directory's path.
 * @return 0 on success; -1 with errno set by rmdir().
 */
int scratch_dir_remove(const char *dir);

/**
 * @brief A file of @p size bytes in @p dir, opened and already unlinked.
 *
 * The first @p n bytes come from @p bytes, the rest is a hole.
 * @param dir The scratch directory.
 * @param bytes The file's first bytes (may be NULL when @p n is 0).
 * @param n How many bytes of @p bytes to write.
 * @param size The file's size, set with ftruncate().
 * @param oflags O_RDONLY or O_RDWR: how the returned descriptor is open.
 * @return The descriptor; -1 with errno set.
 */
int scratch_file(const char *dir, const void *bytes, size_t n, off_t size, int oflags);

#endif
