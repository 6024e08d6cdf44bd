/** @file report.h
 * @brief One way to report errors: `program: subject: reason` on stderr.
 *
 * Every program in the tutorial reports a failure in one line of the same
 * shape, so a reader (or a test) always knows which program failed, on what,
 * and why.
 */
#ifndef MMF_REPORT_H
#define MMF_REPORT_H

/** Exit status for success. */
#define EXIT_OK 0
/** Exit status for a failure: the request was understood but could not be done. */
#define EXIT_FAIL 1
/** Exit status for a usage error: the request itself was malformed. */
#define EXIT_USAGE 2

/**
 * @brief Remember the program's name for every later message.
 * @param argv0 argv[0] as main received it; only its last path component is kept.
 */
void report_init(const char *argv0);

/**
 * @brief The program name set by report_init().
 * @return The name, or "program" if report_init() was never called.
 */
const char *program_name(void);

/**
 * @brief Print `program: subject: reason` and a newline on stderr.
 *
 * Control characters in the subject and the reason (a newline, an escape
 * sequence in a file name) are printed escaped (`\n`, `\x1b`), so the
 * message stays one line and nothing reaches the terminal as a command.
 * @param subject What the failure is about: a file name, an option, a call.
 * @param fmt printf-style format of the reason.
 */
void report(const char *subject, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/**
 * @brief Print `program: subject: strerror(errnum)` on stderr.
 * @param subject What the failure is about.
 * @param errnum The errno value that explains it.
 */
void report_errno(const char *subject, int errnum);

#endif
