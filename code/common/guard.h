/** @file guard.h
 * @brief Touch a mapping without dying when the file under it shrinks or the disk fills.
 *
 * A mapping does not follow its file. If another process truncates the file
 * while it is mapped, the pages past the new end are backed by nothing, and
 * the next load or store there raises SIGBUS. A store into a hole of a sparse
 * file on a full file system raises SIGBUS too. mmap() gave no error, and no
 * later call returns one: the fault happens on an ordinary instruction, and
 * its default action kills the process.
 *
 * The guard turns such a fault into an error return. guard_run() arms it over
 * one range of addresses and calls a function; if that function's access to
 * the range raises SIGBUS, the handler jumps back with siglongjmp() and
 * guard_run() returns -1 with errno set to EFAULT, the error read() and
 * write() give for the same bad memory. The process carries on.
 *
 * The handler is installed once, on the first guarded call, and stays until
 * guard_release(): a guarded call makes no system call at all. A SIGBUS that
 * is not ours (outside the armed range, or with no guarded call running, or
 * sent by kill()) is passed to the disposition that was there before.
 *
 * Limits: a signal disposition belongs to the whole process, so install and
 * release it from one thread. The armed range is per thread. SIGSEGV (an
 * address outside every mapping) is a bug in the caller and is not caught.
 */
#ifndef MMF_GUARD_H
#define MMF_GUARD_H

#include <stddef.h>

/**
 * @brief Run @p fn(@p arg) with SIGBUS inside [@p start, @p start + @p length) caught.
 *
 * @p fn must touch the mapping only through ordinary loads and stores, hold no
 * lock and allocate nothing: when a fault ends it early, it does not return,
 * so whatever it had begun is left half-done (a copy may be partial).
 * @param start First byte of the guarded range, inside a file mapping.
 * @param length Bytes in the range; 0 guards nothing and still calls @p fn.
 * @param fn The work that touches the range.
 * @param arg Passed to @p fn.
 * @return 0 when @p fn returned; -1 with errno set to EFAULT if an access to
 *         the range raised SIGBUS, or to the errno of sigaction() if the
 *         handler could not be installed (then @p fn was not called).
 */
int guard_run(const void *start, size_t length, void (*fn)(void *), void *arg);

/**
 * @brief Copy @p n bytes out of a mapping, turning a SIGBUS into an error return.
 *
 * Bytes before the fault may already be in @p dst when the call fails.
 * @param dst Where the bytes go: ordinary memory, not the same mapping.
 * @param src The first byte to read, inside a file mapping.
 * @param n How many bytes to copy; 0 copies nothing and succeeds.
 * @return 0 when every byte was copied; -1 with errno set as by guard_run().
 */
int guarded_read(void *dst, const void *src, size_t n);

/**
 * @brief Copy @p n bytes into a mapping, turning a SIGBUS into an error return.
 *
 * Bytes before the fault may already be stored when the call fails.
 * @param dst The first byte to store, inside a writable file mapping.
 * @param src Where the bytes come from: ordinary memory.
 * @param n How many bytes to copy; 0 copies nothing and succeeds.
 * @return 0 when every byte was stored; -1 with errno set as by guard_run().
 */
int guarded_write(void *dst, const void *src, size_t n);

/**
 * @brief Where the last caught fault was, as an offset into its guarded range.
 * @return The faulting address minus the range's start, for the last fault
 *         this thread's guard caught; 0 if none was caught yet.
 */
size_t guard_fault_offset(void);

/**
 * @brief How many SIGBUS faults the guard has turned into errors so far.
 *
 * Useful in a log line ("recovered from 3 truncations"), and to tests, which
 * check that the fault really happened and was really caught.
 * @return The number of faults caught in this process.
 */
unsigned long guarded_faults(void);

/**
 * @brief Put back the SIGBUS disposition that was there before the first guarded call.
 * @return 0 on success or if the guard was never installed; -1 with errno set
 *         if sigaction() failed.
 */
int guard_release(void);

/**
 * @brief Report a failed guarded call in one line: `program: SUBJECT: WHAT: why`.
 *
 * EFAULT, a page the kernel could not supply, is explained in words (the file
 * shrank, or a hole could not be filled); any other error is the guard's own
 * (its handler could not be installed) and is named with strerror().
 * @param subject What the mapping is of, usually the file's name.
 * @param what How the access failed, as the program would say it
 *             ("cannot read the mapping").
 * @param err The errno the guarded call set.
 */
void report_guard_failure(const char *subject, const char *what, int err);

#endif
