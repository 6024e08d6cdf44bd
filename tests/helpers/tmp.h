/** @file tmp.h
 * @brief Temporary directories and whole-file reads and writes for tests.
 *
 * Each test group works in a fresh mkdtemp() directory that its teardown
 * removes, so tests never see each other's files or leave any behind. The
 * directory is made on a file system with a disk under it where there is
 * one ($MMF_DISK_DIR, $TMPDIR, /tmp or /var/tmp), because a tmpfs keeps
 * every page in memory and the tests of eviction and readahead need one.
 */
#ifndef TEST_TMP_H
#define TEST_TMP_H

#include <stddef.h>

/** A test group's scratch directory, handed to tests as their state. */
struct tmp {
    char dir[256]; /**< The directory's path. */
};

/**
 * @brief cmocka setup: make a fresh directory and pass a struct tmp as the state.
 * @param state cmocka's state pointer; receives a struct tmp.
 * @return 0 on success, -1 if the directory could not be made.
 */
int tmp_setup(void **state);

/**
 * @brief cmocka teardown: remove the directory made by tmp_setup() and all it holds.
 * @param state cmocka's state pointer, as tmp_setup() left it.
 * @return 0.
 */
int tmp_teardown(void **state);

/**
 * @brief Join the scratch directory and a file name.
 * @param t The scratch directory.
 * @param name A file name inside it.
 * @return A path in a static buffer, valid until the next call with the same slot: four slots rotate.
 */
const char *tmp_path(const struct tmp *t, const char *name);

/**
 * @brief Make a file in the scratch directory holding exactly these bytes; the test fails if it cannot.
 * @param t The scratch directory.
 * @param name The file's name inside it.
 * @param data The bytes.
 * @param n How many.
 * @return The file's path, as tmp_path() returns it.
 */
const char *tmp_file(const struct tmp *t, const char *name, const void *data, size_t n);

/**
 * @brief Make a file in the scratch directory of @p size pseudo-random bytes.
 *
 * The bytes come from a fixed xorshift generator, not from any program under
 * test, so a test's input never depends on the code it checks, and no two
 * nearby offsets hold the same pattern. The test fails if the file cannot be made.
 * @param t The scratch directory.
 * @param name The file's name inside it.
 * @param size How many bytes.
 * @return The file's path, as tmp_path() returns it.
 */
const char *tmp_random_file(const struct tmp *t, const char *name, size_t size);

/**
 * @brief Open a pseudo-terminal, so a test has a terminal to hand even without one (in CI).
 * @param name Where the terminal's path (/dev/pts/N) goes.
 * @param size The size of @p name.
 * @return The controlling side's descriptor; close it when done. The test fails if none can be had.
 */
int open_pty(char *name, size_t size);

/**
 * @brief Create or replace a file with exactly these bytes.
 * @param path The file.
 * @param data The bytes.
 * @param n How many.
 * @return 0 on success, -1 on failure.
 */
int write_file(const char *path, const void *data, size_t n);

/**
 * @brief Read a whole file with read(), never through a mapping.
 * @param path The file.
 * @param n Where its size goes.
 * @return A malloc'd buffer (NUL-terminated, for convenience) or NULL on failure.
 */
unsigned char *read_file(const char *path, size_t *n);

/**
 * @brief Assert a file holds exactly these bytes, read back with read().
 * @param path The file.
 * @param data The expected bytes.
 * @param n How many.
 */
void assert_file_equals(const char *path, const void *data, size_t n);

#endif
