/** @file datafile.h
 * @brief Make a benchmark's data file: the same pseudo-random bytes on every machine, never half a file.
 *
 * The benchmarks measure a file of random bytes, the same on every machine
 * (so checksums can be compared) and with no page equal to another (so
 * nothing can be deduplicated). Writing a large one takes a while; a run
 * interrupted halfway must not leave a shorter file that the next run would
 * measure without a word. So the bytes go to a temporary name in the same
 * directory, and only a complete file is linked into place: link(), unlike
 * rename(), never replaces a file that someone else made at that name
 * meanwhile.
 */
#ifndef MMF_DATAFILE_H
#define MMF_DATAFILE_H

#include <stddef.h>
#include <stdint.h>

/**
 * @brief Fill @p buf with the pseudo-random stream that starts from @p state.
 *
 * splitmix64: each call continues where the last one stopped, so filling a
 * file in chunks gives the same bytes as filling it at once, provided each
 * chunk but the last is a multiple of 8 bytes.
 * @param buf Where the bytes go.
 * @param n How many bytes.
 * @param state The generator's state; advanced by the call.
 */
void fill_random(unsigned char *buf, size_t n, uint64_t *state);

/**
 * @brief Create @p path holding @p size bytes of fill_random() from @p seed, atomically.
 *
 * Writes to a temporary file beside @p path, flushes it with fsync(), and
 * only when it is complete gives it the name @p path with link() (then
 * removes the temporary name), so a file that appeared at @p path meanwhile
 * is never replaced. On a file system without hard links (link() fails with
 * EPERM or EOPNOTSUPP: vfat, some FUSE ones) it checks that @p path is
 * still free and falls back to rename(). If SIGINT, SIGTERM or SIGHUP
 * arrives meanwhile, the temporary file is removed before the signal takes
 * its course. Missing parent directories are not created.
 * @param path The file to create; it must not exist yet.
 * @param size How many bytes it gets.
 * @param seed The generator's first state.
 * @return 0 on success; -1 with errno set, leaving nothing behind. EEXIST
 *         means @p path exists, whether before the call or made by someone
 *         else while it ran: a caller that uses an existing file may use that one.
 */
int create_random_file(const char *path, uint64_t size, uint64_t seed);

/**
 * @brief Create the directories leading to @p path, as `mkdir -p $(dirname path)` would.
 * @param path A file name; its last component is not created.
 * @return 0 if every parent directory exists afterwards; -1 with errno set.
 */
int make_parent_dirs(const char *path);

#endif
