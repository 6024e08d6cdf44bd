/** @file hostile.h
 * @brief Hostile conditions for end-to-end tests: closed descriptors, a full
 * disk, a file truncated while mapped, all run through a shell.
 *
 * Most hostile conditions are easiest to state as a shell would: `2>&-`,
 * `> /dev/full`, `<&-`. run_shell() runs such a line with build/bin first on
 * PATH. Two more need help:
 *
 * - A full file system. Inside `unshare -Urm` an unprivileged user may mount a
 *   tmpfs of a chosen size; run_in_small_tmpfs() runs a script there with $FS
 *   naming the mount. Where the kernel forbids user namespaces,
 *   small_tmpfs_supported() says so and the test skips with a message.
 * - A file truncated while mapped, at a known moment. The preload library
 *   shrink.so (tests/preload/shrink.c) truncates a file right after the
 *   program maps it: the command line sets `LD_PRELOAD=$SHRINK
 *   MMF_SHRINK_TO=BYTES` (and MMF_SHRINK_AT=N for the Nth mapping).
 *   run_shell() exports SHRINK, the library's path.
 *
 * Programs run this way are not run under RUN_UNDER (valgrind).
 */
#ifndef TEST_HOSTILE_H
#define TEST_HOSTILE_H

#include "run.h"

/**
 * @brief Run a shell command line, printf-style, with build/bin first on PATH.
 *
 * The shell's stdin is empty. $SHRINK names the shrink.so preload library.
 * @param r Filled in; free with run_free().
 * @param fmt printf-style format of the command line.
 * @return 0 if the shell ran and was reaped; -1 if it could not be started.
 */
int run_shell(struct run_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * @brief Whether this machine lets an unprivileged user mount a tmpfs in `unshare -Urm`.
 *
 * Asked once and remembered. Where it returns 0, skip the test with a message
 * (cmocka's skip()).
 * @return 1 if run_in_small_tmpfs() works here, 0 if not.
 */
int small_tmpfs_supported(void);

/**
 * @brief Run a shell script in a new user and mount namespace, on a fresh tmpfs of @p size.
 *
 * The tmpfs is mounted on a new directory named by $FS, gone when the script
 * ends. build/bin is first on PATH and $SHRINK is set, as for run_shell().
 * Inside, the script runs as root of its own namespace: it may fill the
 * tmpfs (`cat /dev/zero > "$FS/fill"`) but cannot harm the machine.
 * @param r Filled in; free with run_free().
 * @param size The tmpfs size, as mount's size= option takes it ("64k").
 * @param fmt printf-style format of the script.
 * @return 0 if the script ran and was reaped; -1 if it could not be started.
 */
int run_in_small_tmpfs(struct run_result *r, const char *size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/**
 * @brief Skip the calling test, with a message, where small tmpfs mounts are not allowed.
 *
 * A macro, because cmocka's skip() must be called from the test itself.
 */
#define SKIP_WITHOUT_SMALL_TMPFS()                                                        \
    do {                                                                                  \
        if (!small_tmpfs_supported()) {                                                   \
            print_message("skipped: unshare -Urm cannot mount a tmpfs on this machine\n"); \
            skip();                                                                       \
        }                                                                                 \
    } while (0)

#endif
