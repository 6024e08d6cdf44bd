/** @file apply.h
 * @brief Chapter 2: carry out an edit through a mapping, then read the file
 * back with pread() to show where the bytes went.
 */
#ifndef MMF_CH02_APPLY_H
#define MMF_CH02_APPLY_H

#include "edit.h"

#include <stddef.h>

/**
 * @brief Open the edit's file, check that it can be mapped and that the edit
 * fits, all before any mapping exists.
 * @param e    The edit (O_RDWR for MAP_SHARED, O_RDONLY for MAP_PRIVATE).
 * @param size Set to the file's size.
 * @return The open descriptor, or -1 after a one-line message on stderr.
 */
int open_checked(const struct edit *e, size_t *size);

/**
 * @brief Do the whole edit: open and check, map, store, msync, unmap, read
 * back with pread(), close; print each step on stdout.
 * @param e The edit, from edit_init().
 * @return EXIT_OK, or EXIT_FAIL after a one-line message on stderr.
 */
int apply_edit(const struct edit *e);

#endif
