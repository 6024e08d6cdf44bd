/** @file mapping.h
 * @brief Map a whole file safely: check it first, then mmap, and say precisely why not.
 *
 * mmap() itself gives terse answers: ENODEV for a pipe, EINVAL for an empty
 * file, and for a file that shrinks later, a SIGBUS that kills the program.
 * These helpers check the file before mapping it, so every refusal becomes
 * one clear sentence, and the caller never maps what it cannot use.
 */
#ifndef MMF_MAPPING_H
#define MMF_MAPPING_H

#include <stddef.h>
#include <sys/types.h>

/** How a file is mapped. */
enum map_access {
    MAP_ACCESS_READ,    /**< PROT_READ, MAP_SHARED, from an O_RDONLY descriptor. */
    MAP_ACCESS_SHARED,  /**< PROT_READ|PROT_WRITE, MAP_SHARED: stores reach the file. */
    MAP_ACCESS_PRIVATE  /**< PROT_READ|PROT_WRITE, MAP_PRIVATE: stores stay in this process (copy-on-write). */
};

/** A file mapped whole into memory. */
struct mapped_file {
    unsigned char *data; /**< First byte of the mapping; NULL when nothing is mapped. */
    size_t size;         /**< The file's size in bytes when it was mapped. */
    size_t length;       /**< Bytes of address space mapped: size rounded up to whole pages. */
};

/**
 * @brief The system's page size, the unit in which mmap() works.
 * @return sysconf(_SC_PAGESIZE), asked once and remembered.
 */
size_t page_size(void);

/**
 * @brief Name a file type for a message, from its st_mode.
 * @param mode The st_mode from stat() or fstat().
 * @return A phrase such as "a directory", "a pipe" or "a character device".
 */
const char *file_kind(mode_t mode);

/**
 * @brief Check that an open descriptor refers to something mmap() can map whole.
 *
 * Refuses anything but a regular file, an empty file, a /proc file (whose
 * size reads as 0) and a file too large for this address space.
 * @param fd An open descriptor.
 * @param size Where the file's size goes on success.
 * @param why On failure, a sentence saying why the file cannot be mapped.
 * @return 0 if the file can be mapped; -1 with errno and @p why set if not.
 */
int check_mappable(int fd, size_t *size, const char **why);

/**
 * @brief Open, check and map a whole file, then close the descriptor.
 *
 * The descriptor is closed before returning: the mapping keeps its own
 * reference to the file, so nothing else needs the descriptor.
 * @param path The file's name.
 * @param access How to map it (read-only, shared read-write, private).
 * @param mf Filled in on success; zeroed on failure.
 * @param why On failure, a sentence saying why (from the check or strerror()).
 * @return 0 on success; -1 with errno and @p why set on failure.
 */
int map_file(const char *path, enum map_access access, struct mapped_file *mf,
             const char **why);

/**
 * @brief map_file() with MAP_ACCESS_READ: the common case.
 * @param path The file's name.
 * @param mf Filled in on success; zeroed on failure.
 * @param why On failure, a sentence saying why.
 * @return 0 on success; -1 with errno and @p why set on failure.
 */
int map_file_readonly(const char *path, struct mapped_file *mf, const char **why);

/**
 * @brief Unmap a file mapped by map_file(); harmless on a zeroed struct.
 * @param mf The mapping; zeroed afterwards.
 * @return 0 on success; -1 with errno set if munmap() failed.
 */
int unmap_file(struct mapped_file *mf);

#endif
