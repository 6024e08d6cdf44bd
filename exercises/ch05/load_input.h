/** @file load_input.h
 * @brief Exercise 5.2: map the input if it is a file, read it if it is a stream.
 *
 * A program that maps its input must still work when the input is a pipe,
 * a terminal or an empty file, none of which can be mapped.
 */
#ifndef EX_LOAD_INPUT_H
#define EX_LOAD_INPUT_H

#include <stddef.h>

/** An input's bytes, mapped or read into memory. */
struct input {
    const unsigned char *data; /**< The bytes; may be NULL when size is 0. */
    size_t size;               /**< How many bytes. */
    int mapped;                /**< 1 if data is a mapping, 0 if a malloc'd buffer. */
};

/**
 * @brief Load everything readable from @p fd: by mmap() when it is a regular,
 *        non-empty file, else by read() until end of file.
 * @param fd An open descriptor; its file offset is used as is by the read path.
 * @param in Filled in on success; zeroed on failure.
 * @return 0 on success; -1 with errno set (from fstat(), mmap(), read() or
 *         malloc()) on failure, with nothing left allocated or mapped.
 */
int load_input(int fd, struct input *in);

/**
 * @brief Release what load_input() loaded: munmap() or free(); harmless on a zeroed struct.
 * @param in The input; zeroed afterwards.
 * @return 0 on success; -1 with errno set if munmap() failed.
 */
int release_input(struct input *in);

#endif
