/** @file guard.h
 * @brief Read from a mapping without dying if the file shrinks underneath it.
 *
 * A mapping does not follow its file. If another process truncates the file
 * while it is mapped, the pages past the new end are no longer backed by
 * anything, and the next access to them raises SIGBUS, which kills the
 * program. mmap() gave no error, and no later call returns one: the fault
 * happens on an ordinary load instruction.
 *
 * guarded_read() copies bytes out of a mapping with a SIGBUS handler armed
 * around the copy. If the copy faults, the handler jumps back with
 * siglongjmp() and the call returns -1 with errno set to EFAULT, the error
 * read() and write() give for the same bad memory. The process carries on.
 */
#ifndef MMF_GUARD_H
#define MMF_GUARD_H

#include <stddef.h>

/**
 * @brief Copy @p n bytes from a mapping, turning a SIGBUS into an error return.
 *
 * Installs a SIGBUS handler for the duration of the copy only, and restores
 * the previous disposition before returning, on both paths. Bytes before the
 * fault may already have been copied to @p dst when the call fails.
 *
 * Limits: the guard is per thread, but a signal disposition is per process,
 * so two threads must not call guarded_read() at the same time. A SIGSEGV
 * (an address outside every mapping) is a bug in the caller and is not caught.
 * @param dst Where the bytes go: ordinary memory, not the same mapping.
 * @param src The first byte to read, inside a file mapping.
 * @param n How many bytes to copy; 0 copies nothing and succeeds.
 * @return 0 when every byte was copied; -1 with errno set to EFAULT if reading
 *         @p src raised SIGBUS (the file no longer covers it), or to the
 *         errno of sigaction() if the handler could not be installed.
 */
int guarded_read(void *dst, const void *src, size_t n);

/**
 * @brief How many SIGBUS faults guarded_read() has turned into errors so far.
 *
 * Useful in a log line ("recovered from 3 truncations"), and to tests, which
 * check that the fault really happened and was really caught.
 * @return The number of faults caught by guarded_read() in this process.
 */
unsigned long guarded_faults(void);

#endif
