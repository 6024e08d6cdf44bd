/** @file probe.h
 * @brief Run one memory access in a child process, and say what happened to it.
 *
 * An access that the kernel refuses ends in a signal (SIGSEGV for a page the
 * protection forbids, SIGBUS for a page with nothing behind it). Made in a
 * child, it cannot take the program down: the parent learns from waitpid()
 * whether the child exited or which signal killed it, as chapter 5 does.
 */
#ifndef CH07_PROBE_H
#define CH07_PROBE_H

#include <stddef.h>

/**
 * @brief The access to try, in the child.
 * @param arg The argument given to probe_in_child().
 * @return The child's exit status (0 when the access worked).
 */
typedef int probe_fn(void *arg);

/**
 * @brief Run @p fn in a child with SIGSEGV and SIGBUS at their default action
 * and no core dump, wait for it, and describe the end.
 * @param fn The access.
 * @param arg Passed to @p fn.
 * @param text Filled with "no signal", "exit status N" or "SIGSEGV (Segmentation fault)".
 * @param size Bytes in @p text.
 * @return The signal that killed the child, 0 if it exited, or -1 with errno
 *         set if it could not be started or waited for.
 */
int probe_in_child(probe_fn *fn, void *arg, char *text, size_t size);

/**
 * @brief The short name of a signal a memory access can raise.
 * @param sig The signal number.
 * @return "SIGSEGV", "SIGBUS", ..., or "signal".
 */
const char *signal_short_name(int sig);

#endif
