/** @file backing.h
 * @brief Three ways to get memory that several processes share: anonymous, memfd, shm.
 *
 * Each gives the same thing, pages mapped MAP_SHARED into every process that
 * has them, but each is found differently: an anonymous mapping only by
 * inheriting it across fork(); a memfd through its descriptor (passed, or
 * opened as /proc/PID/fd/N); a POSIX shared memory object by its name in
 * /dev/shm, until shm_unlink() removes the name.
 */
#ifndef CH07_BACKING_H
#define CH07_BACKING_H

#include <stddef.h>

/** Where the shared pages come from. */
enum backing_kind {
    BACKING_ANON,  /**< mmap(MAP_SHARED | MAP_ANONYMOUS): inherited across fork() */
    BACKING_MEMFD, /**< memfd_create(), sealed against shrinking and growing */
    BACKING_SHM,   /**< shm_open() of a name in /dev/shm, unlinked once mapped */
};

/** A shared mapping and what it came from. */
struct shared_region {
    void *addr;             /**< The mapping, MAP_SHARED, readable and writable. */
    size_t length;          /**< Its length in bytes. */
    int fd;                 /**< The memfd or shm descriptor, or -1 for anonymous memory. */
    enum backing_kind kind; /**< Which backing it is. */
};

/**
 * @brief Find a backing by its name.
 * @param name "anon", "memfd" or "shm".
 * @param out Where the backing goes on success.
 * @return 0 on success; -1 if the name is unknown.
 */
int backing_parse(const char *name, enum backing_kind *out);

/**
 * @brief The name of a backing, as backing_parse() accepts it.
 * @param kind The backing.
 * @return "anon", "memfd" or "shm".
 */
const char *backing_name(enum backing_kind kind);

/**
 * @brief Create @p length bytes of zeroed shared memory of the given kind and map it.
 *
 * A memfd is sealed (F_SEAL_SHRINK, F_SEAL_GROW, F_SEAL_SEAL) once it has its
 * size, so no process holding the descriptor can truncate it under the
 * others' mappings. A shm object gets a name of its own (with this process's
 * id) and loses it as soon as it is mapped, with SIGINT, SIGTERM and SIGHUP
 * held off in between, so nothing is left in /dev/shm.
 * @param kind The backing.
 * @param length Bytes to map; at least 1.
 * @param r Filled in on success.
 * @param step On failure, the call that failed ("memfd_create", "mmap", ...).
 * @return 0 on success; -1 with errno set.
 */
int shared_create(enum backing_kind kind, size_t length, struct shared_region *r,
                  const char **step);

/**
 * @brief Unmap a region and close its descriptor.
 * @param r The region; its fields are reset.
 * @return 0 on success; -1 with errno set if munmap() or close() failed.
 */
int shared_destroy(struct shared_region *r);

#endif
