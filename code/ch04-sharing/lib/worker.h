/** @file worker.h
 * @brief What one worker does: hold the whole file, read every byte of it, and report through its pipe.
 *
 * A worker is a child process. It holds the file one of two ways (a mapping,
 * or a buffer it fills with pread()), checksums every byte so that every page
 * it holds is really touched, and sends its parent a note. It then waits on
 * its command pipe until the parent closes it.
 */
#ifndef CH04_WORKER_H
#define CH04_WORKER_H

#include "config.h"
#include "mapping.h"

#include <stddef.h>
#include <stdint.h>

/** What a worker sends its parent: small enough (under PIPE_BUF) to arrive in one piece. */
struct note {
    int failed;        /**< 1 if the worker could not do its job */
    char why[120];     /**< then: why, as "call: reason" */
    uint64_t checksum; /**< of every byte it holds */
    uintptr_t data;    /**< where it holds the file: finds its smaps entry */
};

/** The file's bytes as one worker holds them. */
struct holding {
    struct mapped_file mf; /**< mmap mode: the mapping */
    unsigned char *buffer; /**< read mode: the worker's own copy */
    unsigned char *data;   /**< the first byte, whichever way it is held */
    size_t size;           /**< bytes held */
};

/**
 * @brief FNV-1a over @p size bytes: reads every byte, so touches every page.
 * @param data The bytes.
 * @param size How many.
 * @return The 64-bit hash; 14695981039346656037 for no bytes.
 */
uint64_t checksum(const unsigned char *data, size_t size);

/**
 * @brief Hold the whole of @p path: map it, or read it into a new buffer.
 * @param path The file.
 * @param mode MODE_MMAP or MODE_READ.
 * @param writer With MODE_MMAP, how to map it: WRITER_NONE maps it read-only,
 *        WRITER_PRIVATE writable MAP_PRIVATE, WRITER_SHARED writable MAP_SHARED.
 * @param h Filled in; release with release_holding() on every path.
 * @param n On failure, marked failed with the reason.
 * @return 0 on success; -1 on failure.
 */
int hold_file(const char *path, enum mode mode, enum writer writer, struct holding *h,
              struct note *n);

/**
 * @brief Checksum what @p h holds, with the guard on: a mapping whose file
 *        shrank gives an error, not a SIGBUS.
 * @param h What hold_file() filled in.
 * @param n Its checksum is set; on a fault, marked failed with the offset.
 * @return 0 on success; -1 if reading the mapping faulted.
 */
int checksum_holding(const struct holding *h, struct note *n);

/**
 * @brief Store into every page of what @p h holds, with the guard on.
 * @param h A writable mapping.
 * @param flip 0: store the byte already there (a copy-on-write fault, no change);
 *        1: flip a byte in every page (a real change).
 * @param n On a fault, marked failed with the offset.
 * @return 0 on success; -1 if a store faulted.
 */
int store_into_holding(const struct holding *h, int flip, struct note *n);

/**
 * @brief Unmap or free what @p h holds; harmless on a zeroed holding.
 * @param h The holding; zeroed afterwards.
 */
void release_holding(struct holding *h);

/**
 * @brief A worker's whole life, in the child after fork(). Never returns.
 *
 * Holds the file, checksums it, sends a note on @p note_fd, then answers
 * commands read from @p command_fd ('w': flip a byte in every page, then
 * checksum; 'c': checksum again), one note each, until end of file.
 * @param path The file.
 * @param mode MODE_MMAP or MODE_READ.
 * @param writer This worker's writer kind (WRITER_NONE for a reader).
 * @param note_fd The write end of the notes pipe.
 * @param command_fd The read end of the commands pipe.
 */
_Noreturn void worker_run(const char *path, enum mode mode, enum writer writer, int note_fd,
                          int command_fd);

#endif
