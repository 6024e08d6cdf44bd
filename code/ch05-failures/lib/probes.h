/** @file probes.h
 * @brief The probes: each maps one kind of thing one way and reports what happened.
 *
 * A probe runs in a child process (see runner.h), so it may die of the very
 * signal it is looking for. It returns an outcome, or never returns. Every
 * probe makes its files in the scratch directory @p dir (see scratch.h).
 *
 * The probes are grouped as the chapter's sections are: streams and special
 * files (probes_streams.c), empty files, offsets and access modes
 * (probes_files.c), address space and commit (probes_space.c), and the end
 * of the file (probes_end.c).
 */
#ifndef CH05_PROBES_H
#define CH05_PROBES_H

#include "outcome.h"

#include <stddef.h>
#include <sys/types.h>

/**
 * @brief A probe: runs in a child, returns what it saw, or dies of a signal.
 * @param dir The scratch directory for its files.
 * @return What it saw.
 */
typedef struct outcome probe_fn(const char *dir);

/**
 * @brief Read one byte through a volatile pointer, so the compiler cannot drop the load.
 * @param p The byte: the load is the experiment.
 * @return The byte read, if the load did not kill the process.
 */
unsigned char touch(const void *p);

/**
 * @brief The outcome of a touch that should have raised a signal and returned instead.
 * @param byte What it read.
 * @return A success that says so, which the table shows as a mismatch.
 */
struct outcome no_signal(unsigned char byte);

/**
 * @brief mmap() a descriptor read-only and shared, unmap it, and report only the errno.
 * @param fd The descriptor.
 * @param length Bytes to map.
 * @param offset Offset in the file.
 * @return success("mapped"), or failed(errno of mmap()).
 */
struct outcome map_readonly(int fd, size_t length, off_t offset);

/** @brief mmap() the read end of a pipe. @param dir Unused. @return ENODEV on Linux. */
probe_fn probe_pipe;
/** @brief mmap() a pseudo-terminal. @param dir Unused. @return ENODEV on Linux. */
probe_fn probe_tty;
/** @brief mmap() /dev/null. @param dir Unused. @return ENODEV on Linux. */
probe_fn probe_devnull;
/** @brief mmap() /proc/self/status. @param dir Unused. @return ENODEV on Linux. */
probe_fn probe_proc_self;
/** @brief mmap() /proc/cpuinfo. @param dir Unused. @return EIO on Linux. */
probe_fn probe_proc_cpuinfo;
/** @brief mmap() a directory opened with open(). @param dir The directory. @return ENODEV. */
probe_fn probe_directory;

/** @brief mmap() a 0-byte file with length 0. @param dir Scratch directory. @return EINVAL. */
probe_fn probe_empty_length;
/** @brief mmap() 1 byte of a 0-byte file and read it. @param dir Scratch directory. @return Never (SIGBUS). */
probe_fn probe_empty_touch;
/** @brief mmap() at offset 100. @param dir Scratch directory. @return EINVAL. */
probe_fn probe_unaligned;
/** @brief PROT_WRITE, MAP_SHARED on an O_RDONLY descriptor. @param dir Scratch directory. @return EACCES. */
probe_fn probe_write_shared;
/** @brief PROT_WRITE, MAP_PRIVATE on an O_RDONLY descriptor, then a store. @param dir Scratch directory. @return Success. */
probe_fn probe_write_private;

/** @brief 256 MiB with 64 MiB of RLIMIT_AS left. @param dir Scratch directory. @return ENOMEM. */
probe_fn probe_rlimit;
/** @brief Map a sparse file of 1 TiB or more (big_file_size()) read-only and read both ends. @param dir Scratch directory. @return Success. */
probe_fn probe_sparse;
/** @brief Map the same file writable and private. @param dir Scratch directory. @return What commit_expected(policy, 0) says. */
probe_fn probe_private_commit;
/** @brief The same with MAP_NORESERVE, then one store. @param dir Scratch directory. @return What commit_expected(policy, 1) says. */
probe_fn probe_private_noreserve;

/** @brief Map 3 pages, truncate to 1, read page 3. @param dir Scratch directory. @return Never (SIGBUS). */
probe_fn probe_truncated_touch;
/** @brief The same read through guarded_read(). @param dir Scratch directory. @return EFAULT. */
probe_fn probe_truncated_guarded;
/** @brief Read one byte past the end of the mapping. @param dir Scratch directory. @return Never (SIGSEGV). */
probe_fn probe_beyond_mapping;
/** @brief Read the last byte of the last page, past EOF. @param dir Scratch directory. @return Success (a zero). */
probe_fn probe_page_tail;
/** @brief Read a mapped page wholly past EOF. @param dir Scratch directory. @return Never (SIGBUS). */
probe_fn probe_beyond_eof;
/** @brief That page faults in a child, then works once the file grows. @param dir Scratch directory. @return Success. */
probe_fn probe_grown;

#endif
