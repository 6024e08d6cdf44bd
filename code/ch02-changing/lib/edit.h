/** @file edit.h
 * @brief Chapter 2: an edit of a file in place (TEXT at OFFSET), read from the
 * command line and checked against the file before anything is mapped.
 */
#ifndef MMF_CH02_EDIT_H
#define MMF_CH02_EDIT_H

#include <stddef.h>
#include <stdint.h>

/** Bytes shown on each side of the edit, so the reader sees it in context. */
enum { EDIT_CONTEXT = 8 };

/** What to write where, and how. */
struct edit {
    const char *path;          /**< FILE as given. */
    const char *offset_text;   /**< OFFSET as given, for messages. */
    uint64_t offset;           /**< Where the new bytes go. */
    const unsigned char *text; /**< The new bytes (TEXT). */
    size_t length;             /**< How many new bytes. */
    int private_map;           /**< 1 with --private: MAP_PRIVATE instead of MAP_SHARED. */
    int sync;                  /**< 0 with --no-sync: skip msync(). */
};

/** The bytes [start, end) shown before and after the edit. */
struct window {
    size_t start; /**< First byte shown. */
    size_t end;   /**< One past the last byte shown. */
};

/**
 * @brief Fill @p e from the three operands, checking OFFSET and TEXT.
 * @param e           The edit to fill; its options are set to the defaults
 *                    (MAP_SHARED, with msync).
 * @param path        FILE.
 * @param offset_text OFFSET, a plain decimal number.
 * @param text        TEXT, which must not be empty.
 * @return EXIT_OK, or EXIT_USAGE after a one-line message on stderr.
 */
int edit_init(struct edit *e, const char *path, const char *offset_text, const char *text);

/**
 * @brief Check that the edit lies wholly inside a file of @p size bytes.
 *
 * A store through a mapping can only overwrite bytes the file already has.
 * @param e    The edit.
 * @param size The file's size in bytes.
 * @return 0 if it fits, or -1 after a one-line message on stderr.
 */
int check_fits(const struct edit *e, size_t size);

/**
 * @brief The bytes to show around the edit: EDIT_CONTEXT on each side,
 * clipped to the file.
 * @param e    An edit that fits (check_fits() returned 0).
 * @param size The file's size in bytes.
 * @return The window.
 */
struct window window_around(const struct edit *e, size_t size);

#endif
