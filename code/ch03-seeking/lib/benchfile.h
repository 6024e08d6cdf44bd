/** @file benchfile.h
 * @brief The file seekbench measures: made when missing, refused when unfit.
 */
#ifndef CH03_BENCHFILE_H
#define CH03_BENCHFILE_H

#include <stdint.h>

/** The seed of the file's pseudo-random bytes: every machine benchmarks the same data. */
#define BENCH_FILE_SEED 0x5eed

/**
 * @brief Open the benchmark file read-only, creating it when missing.
 *
 * A missing file is made holding @p size
 * pseudo-random bytes from BENCH_FILE_SEED, under a temporary name renamed
 * into place, so an interrupted run never leaves half a file. Anything that
 * is not a regular file holding at least @p size bytes is refused.
 * @param path The file.
 * @param size Bytes the pattern needs.
 * @param make_dirs Also make missing parent directories (for the default
 *        path, build/data/..., before anything else has made build/).
 * @return The descriptor, or -1 after a one-line message.
 */
int open_bench_file(const char *path, uint64_t size, int make_dirs);

#endif
